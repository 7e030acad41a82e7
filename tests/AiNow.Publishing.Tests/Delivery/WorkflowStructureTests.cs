using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiNow.Publishing.Delivery;
using AiNow.Publishing.Deployment;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Delivery;

/// <summary>
/// The published workflows, read as GitHub reads them, keep the pipeline's rules: least-privilege
/// tokens, OIDC only where a login uses it, actions pinned by commit, secrets never inside scripts,
/// deploy consuming exactly what release produced, environments in promotion order behind their
/// approvals, one deploy at a time per environment and target.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed partial class WorkflowStructureTests(PublishedManifests published)
{
    /// <summary>Actions that present the run's OIDC token (to a cloud, Vault, Sigstore or GitHub's attestation store).</summary>
    private static readonly string[] OidcActions = ["aws-actions/configure-aws-credentials", "google-github-actions/auth", "hashicorp/vault-action", "actions/attest-build-provenance"];

    private IReadOnlyList<WorkflowFile> Workflows => PublishedWorkflows.All(published.Output);

    private WorkflowFile Workflow(string name) => PublishedWorkflows.Load(published.Output, name);

    [Fact]
    public void EveryWorkflow_GrantsNothingOrReadOnlyAtTheTop_AndEveryJobDeclaresItsOwnPermissions()
    {
        foreach (var workflow in Workflows)
        {
            var top = workflow.Json["permissions"];
            Assert.True(top is JsonObject, $"{workflow}: top-level permissions must be a map ({{}} or read scopes), not {top?.ToJsonString() ?? "missing"}");
            Assert.All(top!.AsObject(), p => Assert.True((string?)p.Value == "read", $"{workflow}: top-level {p.Key}: {p.Value} grants more than read"));
            foreach (var (id, job) in workflow.EachJob())
            {
                Assert.True(job["permissions"] is JsonObject, $"{workflow}/{id} declares no permissions map");
            }
        }
    }

    [Fact]
    public void IdTokenWrite_IsGrantedExactlyToTheJobsThatLogInWithOidc()
    {
        var checkedJobs = 0;
        foreach (var workflow in Workflows)
        {
            foreach (var (id, job) in workflow.EachJob())
            {
                var usesOidc = job["steps"]!.AsArray().Select(s => s!.AsObject()).Any(UsesOidc);
                var granted = (string?)job["permissions"]?["id-token"] == "write";
                Assert.True(usesOidc == granted, $"{workflow}/{id}: id-token: write is {(granted ? "granted" : "missing")} but the job {(usesOidc ? "logs in with OIDC" : "has no OIDC login")}");
                checkedJobs += usesOidc ? 1 : 0;
            }
        }

        Assert.True(checkedJobs > 0, "no job logs in with OIDC: the release and deploy jobs must");
    }

    [Fact]
    public void EveryAction_IsPinnedToAFullCommit_AndItsStepNamesTheRelease()
    {
        var pins = new Dictionary<string, string>(StringComparer.Ordinal);
        var count = 0;
        foreach (var workflow in Workflows)
        {
            foreach (var (job, step) in workflow.EachStep().Where(s => s.Step["uses"] is not null))
            {
                var uses = (string)step["uses"]!;
                var match = PinnedUses().Match(uses);
                Assert.True(match.Success, $"{workflow}/{job}: '{uses}' is not pinned to a 40-hex commit");
                var repository = match.Groups["repository"].Value;
                Assert.Matches($@"\({Regex.Escape(repository)} v\d+(\.\d+)*\)$", (string)step["name"]!);
                Assert.Equal(pins.GetValueOrDefault(repository, match.Groups["commit"].Value), match.Groups["commit"].Value);
                pins[repository] = match.Groups["commit"].Value;
                count++;
            }
        }

        Assert.True(count > 20, $"only {count} action steps were found");
    }

    [Fact]
    public void EveryJob_HasATimeout()
    {
        foreach (var workflow in Workflows)
        {
            Assert.All(workflow.EachJob(), j => Assert.True(int.TryParse((string?)j.Job["timeout-minutes"], out var minutes) && minutes is > 0 and <= 180, $"{workflow}/{j.Id} has no timeout-minutes within 3 hours"));
        }
    }

    [Fact]
    public void NoScript_ReadsASecret_OnlyStepVariablesAndActionInputsDo()
    {
        var secretReads = 0;
        foreach (var workflow in Workflows)
        {
            Assert.DoesNotContain("secrets.", workflow.Json["env"]?.ToJsonString() ?? "", StringComparison.Ordinal);
            foreach (var (job, step) in workflow.EachStep())
            {
                Assert.False(((string?)step["run"] ?? "").Contains("secrets.", StringComparison.Ordinal), $"{workflow}/{job}/'{step["name"]}' reads a secret inside its script; pass it through the step's env:");
                secretReads += SecretReads().Count(step["env"]?.ToJsonString() + step["with"]?.ToJsonString());
            }

            Assert.All(workflow.EachJob(), j => Assert.DoesNotContain("secrets.", j.Job["env"]?.ToJsonString() ?? "", StringComparison.Ordinal));
        }

        Assert.True(secretReads > 0, "no step reads a secret at all: the DigitalOcean token must reach the release and deploy steps");
    }

    [Fact]
    public void Deploy_DownloadsTheArtifactReleaseUploads_FromTheTriggeringRun_AndPassesItToTheDeployCommand()
    {
        var release = Workflow("release");
        var uploads = release.EachStep().Where(s => ((string?)s.Step["uses"])?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true && (string?)s.Step["with"]!["path"] == "release.json").ToList();
        var upload = Assert.Single(uploads).Step;
        var artifact = (string)upload["with"]!["name"]!;

        var deploy = Workflow("deploy");
        Assert.Equal((string)release.Json["name"]!, (string)deploy.Json["on"]!["workflow_run"]!["workflows"]![0]!);
        var readRelease = deploy.Jobs["release"]!;
        Assert.Equal("${{ github.event.workflow_run.id }}", (string)readRelease["outputs"]!["run-id"]!);
        Assert.Contains("workflow_run.conclusion == 'success'", (string)readRelease["if"]!, StringComparison.Ordinal);
        // Releases of main are started by ci's workflow_run; tag releases (push) run on their tag, not main.
        Assert.NotNull(release.Json["on"]!["workflow_run"]);
        Assert.Contains("github.event.workflow_run.event == 'workflow_run'", (string)readRelease["if"]!, StringComparison.Ordinal);

        var deployJobs = DeployJobs(deploy).ToList();
        Assert.Equal(published.Model.Environments.Sum(e => e.Targets.Length), deployJobs.Count);
        foreach (var (environment, target, job) in deployJobs)
        {
            var steps = job["steps"]!.AsArray().Select(s => s!.AsObject()).ToList();
            var download = Assert.Single(steps, s => ((string?)s["uses"])?.StartsWith("actions/download-artifact@", StringComparison.Ordinal) == true);
            Assert.Equal(artifact, (string)download["with"]!["name"]!);
            Assert.Equal("${{ needs.release.outputs.run-id }}", (string)download["with"]!["run-id"]!);
            Assert.Equal(".", (string)download["with"]!["path"]!);
            Assert.Contains("release", job["needs"]!.AsArray().Select(n => (string)n!));

            var command = (string)Assert.Single(steps, s => s["run"] is not null && ((string)s["run"]!).Contains("--step deploy", StringComparison.Ordinal))["run"]!;
            Assert.StartsWith(ShellWords.Join(["dotnet", "run", "--no-build", "--configuration", "Release", .. DeployCommandLine.For(environment, target, "release.json", dryRun: false).Skip(2)]), command, StringComparison.Ordinal);
            Assert.True(steps.IndexOf(download) < steps.FindIndex(s => (string?)s["run"] == command), $"{environment}-{target} deploys before it has the release");
            Assert.Equal("${{ needs.release.outputs.commit }}", (string)steps[0]["with"]!["ref"]!);
        }
    }

    [Fact]
    public void EachEnvironment_DeploysOnlyAfterThePreviousOnesGlobalJob_WhichWaitsForEveryTargetOfIts()
    {
        var deploy = Workflow("deploy");
        var environments = published.Model.Environments;
        Assert.Equal(["dev", "staging", "production"], environments.Select(e => e.Name));
        for (var i = 0; i < environments.Length; i++)
        {
            var before = i == 0 ? [] : new[] { $"{environments[i - 1].Name}-global" };
            foreach (var target in environments[i].Targets)
            {
                var needs = deploy.Jobs[$"{environments[i].Name}-{target.Key}"]!["needs"]!.AsArray().Select(n => (string)n!).Order(StringComparer.Ordinal);
                Assert.Equal(before.Append("release").Order(StringComparer.Ordinal), needs);
            }

            var global = deploy.Jobs[$"{environments[i].Name}-global"]!["needs"]!.AsArray().Select(n => (string)n!).Order(StringComparer.Ordinal);
            Assert.Equal(environments[i].Targets.Select(t => $"{environments[i].Name}-{t.Key}").Append("release").Order(StringComparer.Ordinal), global);
        }
    }

    [Fact]
    public void EnvironmentsThatNeedApproval_DeployAndRollBackOnlyThroughTheirGitHubEnvironment_WhoseReviewersTheReadmeRequires()
    {
        var gated = published.Model.Environments.Where(e => e.DeployApproval).Select(e => e.Name).ToList();
        Assert.Equal(["production"], gated);
        var readme = File.ReadAllLines(Path.Combine(published.Output, DeliveryEmitter.Folder, "README.md"));
        foreach (var workflow in new[] { Workflow("deploy"), Workflow("rollback") })
        {
            foreach (var (environment, target, job) in DeployJobs(workflow))
            {
                Assert.Equal(environment, (string)job["environment"]!["name"]!);
                if (gated.Contains(environment))
                {
                    Assert.Contains(readme, line => line.StartsWith($"| `{environment}` |", StringComparison.Ordinal) && line.Contains("required reviewers", StringComparison.Ordinal));
                }
            }
        }

        Assert.DoesNotContain(readme, line => line.StartsWith("| `dev` |", StringComparison.Ordinal) && line.Contains("required reviewers", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryDeployAndRollback_OfOneEnvironmentAndTarget_QueuesInOneGroup_WithoutCancelling()
    {
        var groups = new List<string>();
        foreach (var workflow in new[] { Workflow("deploy"), Workflow("rollback") })
        {
            foreach (var (environment, target, job) in DeployJobs(workflow))
            {
                Assert.Equal($"deploy-{environment}-{target}", (string)job["concurrency"]!["group"]!);
                Assert.Equal("false", (string)job["concurrency"]!["cancel-in-progress"]!);
                groups.Add($"{workflow}:{job["concurrency"]!["group"]}");
            }
        }

        Assert.Equal(groups.Count, groups.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(2 * published.Model.Environments.Sum(e => e.Targets.Length), groups.Count);
    }

    [Fact]
    public void Rollback_OffersEveryEnvironmentAndTarget_AndRunsOnlyTheChosenOne_FromTheRecordedDeploy()
    {
        var rollback = Workflow("rollback");
        var inputs = rollback.Json["on"]!["workflow_dispatch"]!["inputs"]!;
        Assert.Equal(published.Model.Environments.Select(e => e.Name), inputs["environment"]!["options"]!.AsArray().Select(o => (string)o!));
        Assert.Equal(["aws", "gcp", "digitalocean", "onprem"], inputs["target"]!["options"]!.AsArray().Select(o => (string)o!));
        foreach (var (environment, target, job) in DeployJobs(rollback))
        {
            Assert.Equal($"${{{{ inputs.environment == '{environment}' && inputs.target == '{target}' }}}}", (string)job["if"]!);
            var download = job["steps"]!.AsArray().Select(s => s!.AsObject()).Single(s => ((string?)s["uses"])?.StartsWith("actions/download-artifact@", StringComparison.Ordinal) == true);
            Assert.Equal($"deployed-{environment}-{target}", (string)download["with"]!["name"]!);
        }

        // What rollback looks for is what every deploy and every rollback records (a rollback is what runs next), each replacing its own on a re-run.
        foreach (var workflow in new[] { Workflow("deploy"), rollback })
        {
            foreach (var (environment, target, job) in DeployJobs(workflow))
            {
                var steps = job["steps"]!.AsArray().Select(s => s!.AsObject()).ToList();
                var isRollback = workflow == rollback;
                // A rollback's record also names the commit it replaced, which no later rollback returns to.
                var files = isRollback ? "release.json\nrolled-back-from" : "release.json";
                var record = Assert.Single(steps, s => (string?)s["with"]?["name"] == $"deployed-{environment}-{target}" && (string?)s["with"]!["path"] == files);
                Assert.StartsWith("actions/upload-artifact@", (string)record["uses"]!, StringComparison.Ordinal);
                Assert.Equal("true", (string?)record["with"]!["overwrite"]);
                Assert.True(steps.IndexOf(record) > steps.FindIndex(s => ((string?)s["run"])?.Contains("--step deploy", StringComparison.Ordinal) == true), $"{workflow}/{environment}-{target} records before it deploys");
                var replaced = steps.FindIndex(s => ((string?)s["run"])?.Contains("> rolled-back-from", StringComparison.Ordinal) == true);
                Assert.Equal(isRollback, replaced >= 0);
                if (isRollback)
                {
                    Assert.True(replaced < steps.IndexOf(record), $"rollback/{environment}-{target} writes what it replaced after its record");
                    Assert.Contains("${{ needs.previous.outputs.running }}", steps[replaced]["env"]!.ToJsonString(), StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void TheCommittedWorkflows_AreByteForByteThePublishedOnes()
    {
        var committed = Path.Combine(RepositoryPaths.Root, DeliveryEmitter.GitHubWorkflows);
        var fresh = PublishedWorkflows.Folder(published.Output);
        var names = Directory.EnumerateFiles(fresh, "*.yml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var present = Directory.Exists(committed) ? Directory.EnumerateFiles(committed, "*.y*ml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList() : [];
        var stale = names.Where(n => !present.Contains(n) || !File.ReadAllBytes(Path.Combine(committed, n!)).SequenceEqual(File.ReadAllBytes(Path.Combine(fresh, n!)))).ToList();
        var extra = present.Except(names).ToList();
        Assert.True(stale.Count + extra.Count == 0, $"{DeliveryEmitter.GitHubWorkflows}/ differs from the published workflows (stale: {string.Join(", ", stale)}; not published: {string.Join(", ", extra)}). After publishing, run: {DeliveryEmitter.CopyWorkflowsCommand}");
    }

    /// <summary>The deploy jobs of a workflow: ids <c>&lt;environment&gt;-&lt;target&gt;</c> of the model's targets.</summary>
    private IEnumerable<(string Environment, string Target, JsonObject Job)> DeployJobs(WorkflowFile workflow)
    {
        foreach (var environment in published.Model.Environments)
        {
            foreach (var target in environment.Targets)
            {
                var id = $"{environment.Name}-{target.Key}";
                Assert.True(workflow.Jobs.ContainsKey(id), $"{workflow} has no job {id}");
                yield return (environment.Name, target.Key, workflow.Jobs[id]!.AsObject());
            }
        }
    }

    private static bool UsesOidc(JsonObject step)
    {
        var uses = (string?)step["uses"];
        if (uses is not null)
        {
            var repository = uses[..uses.IndexOf('@', StringComparison.Ordinal)];
            return OidcActions.Contains(repository)
                && !(repository == "aws-actions/configure-aws-credentials" && step["with"]?["aws-access-key-id"] is not null)
                && !(repository == "hashicorp/vault-action" && (string?)step["with"]?["method"] != "jwt");
        }

        // cosign's keyless signature presents the run's identity to Sigstore.
        return ((string?)step["run"])?.Contains("cosign sign", StringComparison.Ordinal) == true;
    }

    [GeneratedRegex("^(?<repository>[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+)@(?<commit>[0-9a-f]{40})$")]
    private static partial Regex PinnedUses();

    [GeneratedRegex(@"\$\{\{ secrets\.[A-Z_]+ \}\}")]
    private static partial Regex SecretReads();
}
