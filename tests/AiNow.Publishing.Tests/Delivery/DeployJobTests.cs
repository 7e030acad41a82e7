using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiNow.Publishing.Delivery;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Delivery;

/// <summary>
/// The deploy, global and rollback jobs as published can run the first time: the AppHost is built
/// before any credential is held and run without a build; every Terraform input the runbook leaves to
/// the operator reaches the deploy step as <c>TF_VAR_</c> from a variable the README lists; each
/// environment's global DNS runs after its targets with the logins its root needs; Vault logins ask
/// for the audience the README's role binds. The Terraform side is read from the published roots.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed class DeployJobTests(PublishedManifests published)
{
    /// <summary>Actions that log in to a cloud, a registry or Vault.</summary>
    private static readonly string[] LoginActions =
        ["aws-actions/configure-aws-credentials", "google-github-actions/auth", "hashicorp/vault-action", "digitalocean/action-doctl", "docker/login-action", "aws-actions/amazon-ecr-login"];

    [Fact]
    public void EveryDeployGlobalAndRollbackJob_BuildsTheAppHostBeforeAnyLogin_AndRunsItWithoutABuild()
    {
        var jobs = 0;
        foreach (var (workflow, id, job) in DeployingJobs())
        {
            var steps = Steps(job);
            var build = steps.FindIndex(s => ((string?)s["run"])?.StartsWith("dotnet build AiNow.AppHost", StringComparison.Ordinal) == true);
            var firstLogin = steps.FindIndex(IsLogin);
            Assert.True(build >= 0, $"{workflow}/{id} does not build the AppHost");
            Assert.True(firstLogin > build, $"{workflow}/{id} logs in (step {firstLogin}) before it builds the AppHost (step {build}): a restore would run with credentials");
            var dotnetAfterLogin = steps.Skip(firstLogin).Select(s => (string?)s["run"]).OfType<string>().Where(r => r.Contains("dotnet ", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(dotnetAfterLogin);
            Assert.All(dotnetAfterLogin, r => Assert.StartsWith("dotnet run --no-build --configuration Release ", r, StringComparison.Ordinal));
            Assert.Contains("--configuration Release", steps[build]["run"]!.ToString(), StringComparison.Ordinal);
            jobs++;
        }

        Assert.Equal(2 * published.Model.Environments.Sum(e => e.Targets.Length) + published.Model.Environments.Length, jobs);
    }

    [Fact]
    public async Task EachEnvironmentsGlobalJob_DeploysTargetGlobal_AfterItsTargets_WithEveryInputOfTheGlobalRoot_AndTheLoginsItReads()
    {
        var tree = await published.TerraformTreeAsync();
        var deploy = PublishedWorkflows.Load(published.Output, "deploy");
        foreach (var environment in published.Model.Environments)
        {
            var job = deploy.Jobs[$"{environment.Name}-global"]!.AsObject();
            Assert.Equal(environment.Name, (string)job["environment"]!["name"]!);
            Assert.Equal($"deploy-{environment.Name}-global", (string)job["concurrency"]!["group"]!);
            var steps = Steps(job);
            var command = Assert.Single(steps, s => ((string?)s["run"])?.Contains("--step deploy", StringComparison.Ordinal) == true);
            Assert.Contains($"--Deploy:Environment {environment.Name} --Deploy:Target global --Deploy:Release release.json", (string)command["run"]!, StringComparison.Ordinal);

            var root = $"environments/{environment.Name}/global";
            Assert.Equal(OperatorInputs(tree, root).Select(i => $"TF_VAR_{i}").Order(StringComparer.Ordinal), TerraformVariables(command).Order(StringComparer.Ordinal));
            var needs = job["needs"]!.AsArray().Select(n => (string)n!).ToList();
            var fromTargets = 0;
            foreach (var variable in TerraformVariables(command))
            {
                var setting = $"vars.{variable["TF_VAR_".Length..].ToUpperInvariant()}";
                // A load balancer no state holds is made by its target's job of this run, which hands its address over; the variable is the fallback.
                var target = environment.Targets.SingleOrDefault(t => variable == $"TF_VAR_{t.Key}_load_balancer_address");
                if (target is null)
                {
                    Assert.Equal($"${{{{ {setting} }}}}", (string)command["env"]![variable]!);
                    continue;
                }

                var targetJob = $"{environment.Name}-{target.Key}";
                Assert.Contains(targetJob, needs);
                Assert.Equal($"${{{{ needs.{targetJob}.outputs.ingress-address || {setting} }}}}", (string)command["env"]![variable]!);
                fromTargets++;
            }

            Assert.Equal(environment.Targets.Count(t => t.Key is "digitalocean" or "onprem"), fromTargets);

            // Route53 and the root's state are AWS's; a state it reads from another cloud needs that cloud's login too.
            var backends = tree.Resources(root, "data").Where(d => d.Type == "terraform_remote_state").Select(d => (string)d.Body["backend"]!).ToList();
            var uses = steps.Select(s => ((string?)s["uses"])?.Split('@')[0]).OfType<string>().ToList();
            Assert.Contains("aws-actions/configure-aws-credentials", uses);
            Assert.Equal(backends.Contains("gcs"), uses.Contains("google-github-actions/auth"));
            Assert.DoesNotContain("hashicorp/vault-action", uses);
            Assert.Equal("write", (string?)job["permissions"]!["id-token"]);
        }
    }

    [Fact]
    public void EveryDeployAndRollbackJobOfATarget_PassesOnTheIngressAddressItsDeployStepPublishes()
    {
        var jobs = 0;
        foreach (var (workflow, id, job) in DeployingJobs().Where(j => !j.Id.EndsWith("-global", StringComparison.Ordinal)))
        {
            var command = Assert.Single(Steps(job), s => ((string?)s["run"])?.Contains("--step deploy", StringComparison.Ordinal) == true);
            var step = (string?)command["id"];
            Assert.False(string.IsNullOrEmpty(step), $"{workflow}/{id}: the deploy step has no id, so its outputs cannot be read");
            Assert.Equal($"${{{{ steps.{step}.outputs.ingress-address }}}}", (string?)job["outputs"]?["ingress-address"]);
            jobs++;
        }

        Assert.Equal(2 * published.Model.Environments.Sum(e => e.Targets.Length), jobs);
    }

    [Fact]
    public async Task EveryDeployAndRollbackJob_GivesEachInputItsRootsLeaveToTheOperator_FromAVariableOfItsEnvironment()
    {
        var tree = await published.TerraformTreeAsync();
        var checkedSite = false;
        foreach (var (workflow, id, job) in DeployingJobs().Where(j => !j.Id.EndsWith("-global", StringComparison.Ordinal)))
        {
            var environment = (string)job["environment"]!["name"]!;
            var target = id[(environment.Length + 1)..];
            var command = Assert.Single(Steps(job), s => ((string?)s["run"])?.Contains("--step deploy", StringComparison.Ordinal) == true);
            // The site's kubeconfig is the deploy step's own argument, which it passes to the stages as kubeconfig_path.
            var given = ((string)command["run"]!).Contains("--Deploy:Kubeconfig", StringComparison.Ordinal) ? new[] { "kubeconfig_path" } : [];
            var expected = tree.Roots.Where(r => r.StartsWith($"environments/{environment}/{target}/", StringComparison.Ordinal))
                .SelectMany(r => OperatorInputs(tree, r)).Except(given).Distinct().Select(i => $"TF_VAR_{i}").Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, TerraformVariables(command).Order(StringComparer.Ordinal));
            if (target == "onprem")
            {
                Assert.Superset(new HashSet<string> { "TF_VAR_kubernetes_host", "TF_VAR_kubernetes_ca_certificate", "TF_VAR_addresses" }, expected.ToHashSet());
                Assert.Equal("${{ vars.KUBERNETES_HOST }}", (string)command["env"]!["TF_VAR_kubernetes_host"]!);
                checkedSite = true;
            }
        }

        Assert.True(checkedSite, "no on-prem deploy job was checked");
    }

    [Fact]
    public void EveryVariableTheDeployJobsRead_IsListedForItsEnvironmentInTheReadme()
    {
        var readme = File.ReadAllLines(Path.Combine(published.Output, DeliveryEmitter.Folder, "README.md"));
        foreach (var (workflow, id, job) in DeployingJobs())
        {
            var environment = (string)job["environment"]!["name"]!;
            var row = Assert.Single(readme, l => l.StartsWith($"| `{environment}` |", StringComparison.Ordinal));
            foreach (var variable in Steps(job).SelectMany(s => (s["env"]?.AsObject() ?? []).Select(e => (string?)e.Value)).OfType<string>()
                .SelectMany(v => Regex.Matches(v, @"\bvars\.([A-Z0-9_]+)").Select(m => m.Groups[1].Value)))
            {
                Assert.True(row.Contains($"`{variable}`", StringComparison.Ordinal), $"{workflow}/{id} reads vars.{variable}, which the README does not list for {environment}");
                Assert.Contains(readme, l => l.StartsWith($"- `{variable}` (variable): ", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void EveryVaultLogin_AsksForTheAudienceTheReadmesRolesBind()
    {
        var logins = PublishedWorkflows.All(published.Output).SelectMany(w => w.EachStep())
            .Where(s => ((string?)s.Step["uses"])?.StartsWith("hashicorp/vault-action@", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(logins);
        Assert.All(logins, l => Assert.Equal("vault", (string?)l.Step["with"]!["jwtGithubAudience"]));

        var roles = File.ReadAllLines(Path.Combine(published.Output, DeliveryEmitter.Folder, "README.md")).Where(l => l.StartsWith("- Vault: ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(roles);
        Assert.All(roles, l => Assert.Contains("`role_type=jwt`, `bound_audiences=vault`, `bound_claims={repository=", l, StringComparison.Ordinal));
        Assert.All(roles, l => Assert.Contains("environment=<environment>}`", l, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryArtifactUpload_ReplacesItsOwnOnARerun()
    {
        var uploads = PublishedWorkflows.All(published.Output).SelectMany(w => w.EachStep())
            .Where(s => ((string?)s.Step["uses"])?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(uploads);
        Assert.All(uploads, u => Assert.Equal("true", (string?)u.Step["with"]!["overwrite"]));
    }

    /// <summary>Variables a root declares without a default and its <c>terraform.tfvars</c> does not set.</summary>
    private static IEnumerable<string> OperatorInputs(TerraformTree tree, string root)
    {
        var values = tree.Values(root);
        return tree.Blocks(root, "variable").Where(v => !v.Value.ContainsKey("default") && !values.ContainsKey(v.Key)).Select(v => v.Key);
    }

    private static IEnumerable<string> TerraformVariables(JsonObject step) =>
        (step["env"]?.AsObject() ?? []).Select(e => e.Key).Where(k => k.StartsWith("TF_VAR_", StringComparison.Ordinal));

    private static List<JsonObject> Steps(JsonObject job) => job["steps"]!.AsArray().Select(s => s!.AsObject()).ToList();

    private static bool IsLogin(JsonObject step) =>
        LoginActions.Contains(((string?)step["uses"])?.Split('@')[0])
        || (step["env"]?.ToJsonString() + step["with"]?.ToJsonString()).Contains("secrets.", StringComparison.Ordinal);

    /// <summary>Every job that runs the deploy step: deploy's per target and global, rollback's.</summary>
    private IEnumerable<(string Workflow, string Id, JsonObject Job)> DeployingJobs() =>
        new[] { "deploy", "rollback" }.Select(name => PublishedWorkflows.Load(published.Output, name))
            .SelectMany(w => w.EachJob().Where(j => j.Job["steps"]!.ToJsonString().Contains("--step deploy", StringComparison.Ordinal)).Select(j => (w.Name, j.Id, j.Job)));
}
