using System.Text.RegularExpressions;
using AiNow.Publishing.Deployment;
using AiNow.Publishing.Model;
using AiNow.Publishing.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace AiNow.Publishing.Tests.Deployment;

/// <summary>
/// The deploy plan of every environment and target (and <c>all</c>) keeps the operators' contracts:
/// credentials before any kubectl; the Terraform roots in the runbook's order around the overlay; the
/// saved plan applied; the release pinned to the released digests in the target's registry; every
/// Rollout and Deployment waited for; the smoke test after them; a rollback ready for both.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed partial class DeployPlanTests(PublishedManifests published) : IDisposable
{
    private readonly DeployWorkspace _workspace = new(published);

    public static TheoryData<string, string> Scopes() => DeployWorkspace.Scopes();

    [Theory]
    [MemberData(nameof(Scopes))]
    public void CredentialsAreChecked_BeforeAnyKubectl_AndEachClusterKubeconfigBeforeItsFirstUse(string environment, string target)
    {
        var plan = _workspace.Plan(environment, target);

        Assert.Equal(DeployStepKind.Credentials, plan.Steps[0].Kind);
        Assert.DoesNotContain(plan.Steps.Skip(1), s => s.Kind == DeployStepKind.Credentials);
        foreach (var (cloudTarget, prefix) in Targets(plan))
        {
            var firstKubectl = plan.Steps.ToList().FindIndex(s => s.Name.StartsWith(prefix + ":", StringComparison.Ordinal) && s.Kind is not (DeployStepKind.Terraform or DeployStepKind.Credentials) && s.Commands.Any(c => c.Program == "kubectl" && c.Arguments[0] != "kustomize"));
            Assert.True(firstKubectl > 0, $"{prefix} runs no kubectl against its cluster");
            var kubeconfig = cloudTarget.Cloud == Cloud.OnPrem ? _workspace.Kubeconfig : Path.Combine(_workspace.Root, "releases", prefix, "kubeconfig");
            if (cloudTarget.Cloud != Cloud.OnPrem)
            {
                var written = plan.Steps.Single(s => s.Name == $"{prefix}: kubeconfig");
                Assert.True(Index(plan, written) < firstKubectl, $"{prefix} uses kubectl before writing its kubeconfig");
                var login = written.Commands.Single();
                Assert.True(Environment("KUBECONFIG", login) == kubeconfig || login.Arguments.Contains(kubeconfig), $"{prefix}: the kubeconfig is not written to {kubeconfig}");
            }
            else
            {
                Assert.Contains(plan.Steps[0].Commands, c => c.Program == "kubectl" && Environment("KUBECONFIG", c) == _workspace.Kubeconfig);
            }

            // Every kubectl against the cluster names this target's kubeconfig: no command reaches the caller's current context.
            foreach (var command in plan.Steps.Where(s => s.Name.StartsWith(prefix + ":", StringComparison.Ordinal)).SelectMany(s => s.Commands.Concat(s.Rollback?.Commands ?? [])).Where(c => c.Program == "kubectl" && c.Arguments[0] != "kustomize"))
            {
                Assert.Equal(kubeconfig, Environment("KUBECONFIG", command));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public void TerraformRoots_FollowTheRunbook_StagesBeforeTheOverlay_TheEdgeAfter_TheGlobalDnsLast(string environment, string target)
    {
        var plan = _workspace.Plan(environment, target);
        var runbook = File.ReadAllLines(Path.Combine(published.Terraform, "README.md"));

        var expected = new List<string>();
        foreach (var (cloudTarget, prefix) in Targets(plan))
        {
            // The account's shared root holds the deploy identities: its owner applies it, a deploy only names it.
            var account = $"accounts/{cloudTarget.Key}-{cloudTarget.Region}";
            Assert.Equal(runbook.Any(l => l.StartsWith($"- `{account}`", StringComparison.Ordinal)), plan.Prerequisites.Any(p => p.StartsWith(account + " ", StringComparison.Ordinal)));

            // The runbook's section for the target: its roots and the overlay's line, in its order.
            var section = runbook.SkipWhile(l => l != $"### {environment} on {cloudTarget.Key}").Skip(1).TakeWhile(l => !l.StartsWith('#')).ToList();
            foreach (var line in section)
            {
                if (RootLine().Match(line) is { Success: true } root)
                {
                    expected.Add(root.Groups[1].Value);
                }
                else if (line.StartsWith("- Apply the overlay", StringComparison.Ordinal))
                {
                    expected.Add($"overlay {prefix}");
                }
            }
        }

        if (target is DeployCommandLine.AllTargets or DeployCommandLine.GlobalTarget)
        {
            expected.Add($"environments/{environment}/global");
        }

        var actual = plan.Steps
            .Where(s => s.Kind == DeployStepKind.Terraform || s.Name.EndsWith(": render the release", StringComparison.Ordinal))
            .Select(s => s.Kind == DeployStepKind.Terraform ? s.Name[(s.Name.IndexOf(": terraform ", StringComparison.Ordinal) + ": terraform ".Length)..] : $"overlay {s.Name[..s.Name.IndexOf(':', StringComparison.Ordinal)]}")
            .ToList();
        Assert.Equal(expected, actual);
        Assert.DoesNotContain(actual, a => a.StartsWith("accounts/", StringComparison.Ordinal) || a.StartsWith("bootstrap/", StringComparison.Ordinal));

        // The stages' own contract, whatever the runbook says: per target the foundation, add-ons and
        // cluster configuration in that order, the overlay, then the edge.
        foreach (var (cloudTarget, prefix) in Targets(plan))
        {
            var own = actual.Where(a => a.StartsWith($"environments/{environment}/{cloudTarget.Key}/", StringComparison.Ordinal) || a == $"overlay {prefix}").ToList();
            var overlay = own.IndexOf($"overlay {prefix}");
            var stages = own.Select(a => a.StartsWith("overlay", StringComparison.Ordinal) ? 3.5 : char.GetNumericValue(a[a.LastIndexOf('/') + 1])).ToList();
            Assert.Equal(stages.Order(), stages);
            Assert.Equal(1, stages[0]);
            Assert.All(own.Take(overlay), a => Assert.DoesNotContain("4-edge", a, StringComparison.Ordinal));
        }

        if (target is DeployCommandLine.AllTargets or DeployCommandLine.GlobalTarget)
        {
            Assert.Equal($"environments/{environment}/global", actual[^1]);
        }
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public void EveryTerraformRoot_IsInitialisedWithItsBackend_Planned_AndAppliedFromTheSavedPlan(string environment, string target)
    {
        var plan = _workspace.Plan(environment, target);

        foreach (var step in plan.Steps.Where(s => s.Kind == DeployStepKind.Terraform))
        {
            var root = Path.Combine(published.Terraform, step.Name[(step.Name.IndexOf(": terraform ", StringComparison.Ordinal) + ": terraform ".Length)..]);
            Assert.True(File.Exists(Path.Combine(root, "backend.hcl")), step.Name);
            var chdir = $"-chdir={Path.Combine(_workspace.Output, "terraform", Path.GetRelativePath(published.Terraform, root))}";
            Assert.Collection(
                step.Commands,
                init => Assert.Equal(["terraform", chdir, "init", "-backend-config=backend.hcl", "-input=false"], Words(init)),
                planned => Assert.Equal(["terraform", chdir, "plan", "-out=tfplan", "-input=false"], Words(planned).Where(w => !w.StartsWith("-var=", StringComparison.Ordinal))),
                apply => Assert.Equal(["terraform", chdir, "apply", "-input=false", "tfplan"], Words(apply)));
        }
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task TheReleaseKustomization_PinsExactlyTheBuiltImages_ToTheReleasedDigests_InTheTargetsRegistry(string environment, string target)
    {
        var plan = _workspace.Plan(environment, target);
        DeployWorkspace.WriteReleases(plan);

        foreach (var release in plan.Releases)
        {
            var overlay = Path.Combine(published.Kubernetes, "overlays", $"{environment}-{release.Target.Key}");
            var expected = OverlayImageNames(overlay)
                .Where(i => _workspace.Digests.ContainsKey(i.Name))
                .Select(i => $"{i.NewName}@{_workspace.Digests[i.Name]}")
                .Order(StringComparer.Ordinal)
                .ToList();
            Assert.Equal(_workspace.Model.BuiltImageRepositories.Count(), expected.Count);
            Assert.All(expected, image => Assert.StartsWith(release.Target.Profile.RegistryPrefix(release.Target.Account.AccountId, release.Target.Region) + "/", image, StringComparison.Ordinal));

            var rendered = RenderedObject.Parse(await ProcessRunner.KustomizeAsync(release.Folder));
            var images = rendered.Select(o => o.PodSpec()).OfType<k8s.Models.V1PodSpec>()
                .SelectMany(p => p.Containers.Concat(p.InitContainers ?? []))
                .Select(c => c.Image)
                .Distinct()
                .ToList();
            var built = images.Where(i => _workspace.Digests.Keys.Any(r => i.Contains("/" + r + "@", StringComparison.Ordinal) || i.Contains("/" + r + ":", StringComparison.Ordinal))).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, built);
            Assert.Equal(expected, release.PinnedImages.Order(StringComparer.Ordinal));
            // The wrapped overlay is the published one, unchanged: same objects but for the images.
            var original = await ProcessRunner.KustomizeAsync(overlay);
            Assert.Equal(RenderedObject.Parse(original).Select(o => $"{o.Kind}/{o.Name}"), rendered.Select(o => $"{o.Kind}/{o.Name}"));
        }
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public void EveryRolloutAndDeployment_IsWaitedFor_ThenTheSmokeTest_WithARollbackForBoth(string environment, string target)
    {
        var plan = _workspace.Plan(environment, target);

        foreach (var (cloudTarget, prefix) in Targets(plan))
        {
            var overlay = published.Overlay(prefix);
            var ns = _workspace.Model.Naming.Namespace(environment);
            var rollouts = overlay.OfKind("Rollout").Select(r => r.Name).ToList();
            var handed = overlay.OfKind("Rollout").Select(r => (string?)r.Json["spec"]?["workloadRef"]?["name"]).OfType<string>().ToHashSet();
            var deployments = overlay.OfKind("Deployment").Select(d => d.Name).Where(d => !handed.Contains(d)).ToList();
            var wait = plan.Steps.Single(s => s.Name == $"{prefix}: wait for the rollouts");
            var lines = wait.Commands.Select(c => string.Join(' ', Words(c))).ToList();

            foreach (var deployment in deployments)
            {
                Assert.Contains($"kubectl rollout status -n {ns} deployment/{deployment} --timeout=15m", lines);
            }

            foreach (var rollout in rollouts)
            {
                var settled = lines.FindIndex(l => l.StartsWith($"kubectl get rollout {rollout} -n {ns}", StringComparison.Ordinal));
                var status = lines.IndexOf($"kubectl argo rollouts status {rollout} -n {ns} --timeout 15m");
                Assert.True(settled >= 0 && status > settled, $"{prefix}: {rollout} is not waited for");
                if (overlay.Environment.Rollout.ManualPromotion)
                {
                    var promote = lines.IndexOf($"kubectl argo rollouts promote {rollout} -n {ns}");
                    Assert.True(promote > settled && promote < status, $"{prefix}: {rollout} is not promoted between its preview and its status");
                }
            }

            Assert.Equal(deployments.Count + (rollouts.Count * (overlay.Environment.Rollout.ManualPromotion ? 3 : 2)), lines.Count);

            // The target's own smoke test needs no DNS record (on most clouds only the global root writes
            // the target's name): it asks the cluster for the Ingress's address and calls the public host
            // there, so TLS still verifies the public name's certificate.
            var smoke = plan.Steps.Single(s => s.Name == $"{prefix}: smoke test {cloudTarget.Hostname} through its ingress");
            Assert.True(Index(plan, smoke) > Index(plan, wait), $"{prefix}: the smoke test runs before the rollouts are done");
            Assert.True(Index(plan, smoke) > plan.Steps.ToList().FindLastIndex(s => s.Name.StartsWith(prefix + ": terraform ", StringComparison.Ordinal)), $"{prefix}: the smoke test runs before the edge is applied");
            Assert.Equal(DeployStepKind.SmokeTest, smoke.Kind);
            Assert.Collection(
                smoke.Commands,
                address =>
                {
                    Assert.Equal($"kubectl get ingress gateway -n {ns} -o jsonpath={{.status.loadBalancer.ingress[0].ip}}{{.status.loadBalancer.ingress[0].hostname}}", string.Join(' ', Words(address)));
                    Assert.Equal($"{cloudTarget.Key.ToUpperInvariant()}_INGRESS_ADDRESS", address.Captures!.Name);
                    Assert.NotNull(address.RepeatEvery);
                    Assert.Matches(address.ExpectedOutput!, "34.120.1.2");
                    Assert.Matches(address.ExpectedOutput!, "k8s-ainowsta-gateway-0123456789-1234567890.us-east-1.elb.amazonaws.com");
                    Assert.DoesNotMatch(address.ExpectedOutput!, "");
                },
                curl =>
                {
                    Assert.Equal($"curl --silent --show-error --output /dev/null --write-out %{{http_code}} --max-time 10 --connect-to {cloudTarget.Hostname}:443:${{{cloudTarget.Key.ToUpperInvariant()}_INGRESS_ADDRESS}}:443 https://{cloudTarget.Hostname}/v1/models", string.Join(' ', Words(curl)));
                    Assert.Matches(curl.ExpectedOutput!, "401");
                    Assert.DoesNotMatch(curl.ExpectedOutput!, "200");
                    Assert.DoesNotMatch(curl.ExpectedOutput!, "404");
                    // Load balancers take minutes to be programmed: repeated, but only within the step's bound.
                    Assert.NotNull(curl.RepeatEvery);
                });
            Assert.InRange(smoke.Timeout, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(20));

            // The revisions running before the apply are recorded, and the rollback returns to exactly them.
            var record = plan.Steps.Single(s => s.Name == $"{prefix}: record the running revisions");
            Assert.Equal(Index(plan, record) + 1, Index(plan, plan.Steps.Single(s => s.Name == $"{prefix}: apply the workloads")));
            var recorded = record.Commands.ToDictionary(c => c.Arguments[2], c => c.Captures!);
            Assert.Equal(rollouts.Concat(deployments).Order(StringComparer.Ordinal), recorded.Keys.Order(StringComparer.Ordinal));
            Assert.All(record.Commands, c => Assert.Contains("--ignore-not-found", c.Arguments));
            Assert.All(record.Commands, c => Assert.Equal("0", c.Captures!.WhenEmpty));

            foreach (var step in new[] { wait, smoke })
            {
                var rollback = step.Rollback!.Commands.Select(c => string.Join(' ', Words(c))).ToList();
                foreach (var rollout in rollouts)
                {
                    var abort = rollback.IndexOf($"kubectl argo rollouts abort {rollout} -n {ns}");
                    var undo = rollback.IndexOf($"kubectl argo rollouts undo {rollout} -n {ns} --to-revision={recorded[rollout].Reference}");
                    Assert.True(abort >= 0 && undo > abort, $"{step.Name}: {rollout} is not aborted then undone");
                }

                foreach (var deployment in deployments)
                {
                    Assert.Contains($"kubectl rollout undo -n {ns} deployment/{deployment} --to-revision={recorded[deployment].Reference}", rollback);
                }

                Assert.Contains("previous", step.Rollback.Restores, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public void TheMigrationsComplete_BeforeTheWorkloadsAreApplied_OnTheConfigurationAppliedBeforeThem(string environment, string target)
    {
        var plan = _workspace.Plan(environment, target);

        foreach (var (_, prefix) in Targets(plan))
        {
            var ns = _workspace.Model.Naming.Namespace(environment);
            var ordered = new[] { "render the release", "apply the configuration, stores and migrations", "wait for the secrets and stores", "wait for the migrations", "apply the workloads", "wait for the rollouts" }
                .Select(name => Index(plan, plan.Steps.Single(s => s.Name == $"{prefix}: {name}")))
                .ToList();
            Assert.Equal(ordered.Order(), ordered);
            Assert.Equal(ordered[0] + 1, ordered[1]);

            var configuration = plan.Steps.Single(s => s.Name == $"{prefix}: apply the configuration, stores and migrations").Commands.Select(c => string.Join(' ', Words(c))).ToList();
            Assert.StartsWith($"kubectl delete job migrations -n {ns}", configuration[0], StringComparison.Ordinal);
            Assert.EndsWith("-l ainow/release-phase!=rollout", configuration[1], StringComparison.Ordinal);
            Assert.Contains("--server-side", configuration[1], StringComparison.Ordinal);
            var migrations = plan.Steps.Single(s => s.Name == $"{prefix}: wait for the migrations");
            Assert.Equal($"kubectl wait -n {ns} --for=condition=complete job/migrations --timeout=15m", string.Join(' ', Words(migrations.Commands.Single())));
            Assert.Null(migrations.Rollback);
            Assert.NotEmpty(migrations.Diagnostics);
        }
    }

    public static TheoryData<string, string> GlobalScopes()
    {
        var data = new TheoryData<string, string>();
        foreach (var environment in AiNow.AppHost.DeploymentTargets.Settings.Environments)
        {
            data.Add(environment.Name, DeployCommandLine.GlobalTarget);
            data.Add(environment.Name, DeployCommandLine.AllTargets);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GlobalScopes))]
    public void TheGlobalDns_IsAppliedFromItsSavedPlan_WithTheCredentialsItsRootReads_ThenEveryPublicNameIsSmokeTestedThroughDns(string environment, string target)
    {
        var plan = _workspace.Plan(environment, target);
        var model = _workspace.Model.Environments.Single(e => e.Name == environment);
        var root = Path.Combine(published.Terraform, "environments", environment, "global");

        // The clouds the published root touches: its own backend and Route53 (AWS), and each state it reads.
        var backends = RemoteStateBackend().Matches(File.ReadAllText(Path.Combine(root, "main.tf"))).Select(m => m.Groups[1].Value)
            .Append(OwnBackend().Match(File.ReadAllText(Path.Combine(root, "versions.tf"))).Groups[1].Value)
            .ToList();
        Assert.DoesNotContain("endpoints", File.ReadAllText(Path.Combine(root, "main.tf")), StringComparison.Ordinal);
        var checks = plan.Steps[0].Commands.Select(c => string.Join(' ', Words(c))).ToList();
        foreach (var backend in backends)
        {
            Assert.Contains(checks, c => c.StartsWith(backend switch { "s3" => "aws sts get-caller-identity", "gcs" => "gcloud auth list", _ => $"no check for {backend}" }, StringComparison.Ordinal));
        }

        // Its inputs without a value are the operator's: named for the run, like every other root's.
        var values = File.ReadAllLines(Path.Combine(root, "terraform.tfvars")).Select(l => l.Split('=')[0].Trim()).ToHashSet();
        var inputs = File.ReadAllText(Path.Combine(root, "variables.tf")).Split("variable \"").Skip(1)
            .Where(block => !block.Contains("default", StringComparison.Ordinal))
            .Select(block => block[..block.IndexOf('"', StringComparison.Ordinal)])
            .Where(name => !values.Contains(name))
            .ToList();
        Assert.NotEmpty(inputs);
        Assert.All(inputs, input => Assert.Contains(plan.Variables, v => v.AnyOf.Contains($"TF_VAR_{input}")));

        var apply = plan.Steps.Single(s => s.Name == $"{environment}: terraform environments/{environment}/global");
        var chdir = $"-chdir={Path.Combine(_workspace.Output, "terraform", "environments", environment, "global")}";
        Assert.Equal(["terraform", chdir, "apply", "-input=false", "tfplan"], Words(apply.Commands[^1]));
        Assert.Equal(["terraform", chdir, "plan", "-out=tfplan", "-input=false"], Words(apply.Commands[^2]));

        // After the apply, and only then: the global name, then every target's name, through DNS.
        var hosts = model.Targets.Select(t => t.Hostname).Prepend(model.Hostname).ToList();
        var after = plan.Steps.Skip(Index(plan, apply) + 1).ToList();
        Assert.Equal(hosts.Select(h => $"{environment}: smoke test {h}"), after.Select(s => s.Name));
        Assert.All(after, s => Assert.Equal(DeployStepKind.SmokeTest, s.Kind));
        Assert.Equal(hosts.Select(h => $"curl --silent --show-error --output /dev/null --write-out %{{http_code}} --max-time 10 https://{h}/v1/models"), after.Select(s => string.Join(' ', Words(s.Commands.Single()))));
        // Each target's release passed its own test through its ingress: a name that does not answer is DNS's fault, not the release's.
        Assert.All(after, s => Assert.Null(s.Rollback));

        if (target == DeployCommandLine.GlobalTarget)
        {
            Assert.Equal([$"{environment}: check credentials", apply.Name, .. hosts.Select(h => $"{environment}: smoke test {h}")], plan.Steps.Select(s => s.Name));
            Assert.Empty(plan.Releases);
            // The global DNS touches no cluster, so a site's kubeconfig is not needed for it.
            Assert.Equal(plan.Steps.Length, DeployPlanner.Plan(_workspace.Model, new DeployRequest(environment, target, _workspace.ReleaseFile, true, null), _workspace.Release, _workspace.Output).Steps.Length);
            Assert.Equal(backends.Select(b => b == "s3" ? "aws" : "gcloud").Distinct().Order(), plan.Steps[0].Commands.Select(c => c.Program).Order());
        }
        else
        {
            // all: every target with its own smoke test through its ingress, then the global DNS.
            Assert.All(model.Targets, t => Assert.True(Index(plan, plan.Steps.Single(s => s.Name == $"{environment}-{t.Key}: smoke test {t.Hostname} through its ingress")) < Index(plan, apply)));
        }
    }

    [Theory]
    [InlineData("qa", "aws", "Deploy:Environment", "dev, staging, production")]
    [InlineData("staging", "azure", "Deploy:Target", "aws, gcp, digitalocean, onprem, global, all")]
    public void AnUnknownEnvironmentOrTarget_IsRefused_NamingTheValidOnes(string environment, string target, string setting, string valid)
    {
        var error = Assert.Throws<DeployException>(() => _workspace.Plan(environment, target));

        Assert.Equal(setting, error.Step);
        Assert.Contains(valid, error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void ASiteTarget_WithoutItsKubeconfig_IsRefused_NamingTheSetting()
    {
        var error = Assert.Throws<DeployException>(() => DeployPlanner.Plan(_workspace.Model, new DeployRequest("dev", "onprem", _workspace.ReleaseFile, true, null), _workspace.Release, _workspace.Output));

        Assert.Equal(DeployCommandLine.KubeconfigSetting, error.Step);
        Assert.Contains("--Deploy:Kubeconfig", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void TheReleaseFolders_LieBesideTheOutput_SoTheOutputStaysWhatPublishWrote()
    {
        var plan = _workspace.Plan("staging", DeployCommandLine.AllTargets);

        Assert.All(plan.Releases, r => Assert.Equal(Path.Combine(_workspace.Root, "releases"), Path.GetDirectoryName(r.Folder)));
    }

    public void Dispose() => _workspace.Dispose();

    private static IEnumerable<(CloudTarget Target, string Prefix)> Targets(DeployPlan plan) =>
        plan.Releases.Select(r => (r.Target, $"{plan.Environment}-{r.Target.Key}"));

    private static int Index(DeployPlan plan, DeployStep step) => plan.Steps.IndexOf(step);

    private static string[] Words(DeployCommand command) => [command.Program, .. command.Arguments];

    private static string? Environment(string name, DeployCommand command) => command.Environment.GetValueOrDefault(name);

    /// <summary>The overlay's image overrides, read from its kustomization.yaml as kustomize reads them.</summary>
    private static IEnumerable<(string Name, string NewName)> OverlayImageNames(string overlay)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(overlay, "kustomization.yaml"))));
        var images = (YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children[new YamlScalarNode("images")];
        return images.Children.Cast<YamlMappingNode>().Select(i => (((YamlScalarNode)i.Children[new YamlScalarNode("name")]).Value!, ((YamlScalarNode)i.Children[new YamlScalarNode("newName")]).Value!));
    }

    [GeneratedRegex(@"data ""terraform_remote_state"" ""\w+"" \{\s+backend = ""(\w+)""")]
    private static partial Regex RemoteStateBackend();

    [GeneratedRegex(@"backend ""(\w+)"" \{\}")]
    private static partial Regex OwnBackend();

    [GeneratedRegex("^- `([^`]+)`")]
    private static partial Regex RootLine();
}
