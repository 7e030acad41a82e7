using AiNow.AppHost;
using AiNow.Publishing.Deployment;
using AiNow.Publishing.Reading;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Deployment;

/// <summary>
/// The documented deploy command, run as a process the way CI runs it (<c>dotnet run ... --step deploy</c>):
/// the dry run exits 0 and prints the plan; bad input exits non-zero naming the setting and the fix.
/// </summary>
public sealed class DeployEntryPointTests(AppHostModelFixture appHost) : IClassFixture<AppHostModelFixture>, IAsyncLifetime
{
    private DeployWorkspace _workspace = null!;

    public async Task InitializeAsync() =>
        _workspace = new DeployWorkspace(await new AppModelReader(DeploymentTargets.Settings).ReadAsync(appHost.AppHost.Model, appHost.AppHost.ExecutionContext), publishedOutput: null);

    [Fact]
    public async Task TheDryRun_ExitsZero_PrintingTheExactCommandsInOrder_AndChangesNothingButItsReleaseFolder()
    {
        var (exitCode, output) = await DeployRun.RunAsync(_workspace, "staging", "aws", dryRun: true);

        Assert.True(exitCode == 0, output);
        var plan = _workspace.Plan("staging", "aws");
        AssertPrintedInOrder(plan, output);

        Assert.Contains("Checked: " + Path.Combine(_workspace.Root, "releases", "staging-aws", "kustomization.yaml") + " renders; its 5 built images are pinned", output, StringComparison.Ordinal);
        Assert.Contains($"Dry run of staging-aws: {plan.Steps.Length} steps printed", output, StringComparison.Ordinal);
        Assert.Equal(["kustomization.yaml"], Directory.GetFiles(Path.Combine(_workspace.Root, "releases", "staging-aws")).Select(Path.GetFileName));
        Assert.Equal(DeploymentPublisher.Emitters.Count, Directory.GetFileSystemEntries(_workspace.Output).Length);
        Assert.DoesNotContain("releases", Directory.GetFileSystemEntries(_workspace.Output).Select(Path.GetFileName));
        // Only the publish steps and the deploy step ran: no image build or push (they need a container engine).
        Assert.DoesNotContain("build-", output, StringComparison.Ordinal);
        Assert.DoesNotContain("push-", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheGlobalDryRun_ExitsZero_PrintingItsRootAndSmokeTests_AndNamingItsOperatorInputs()
    {
        var (exitCode, output) = await DeployRun.RunAsync(_workspace, "staging", DeployCommandLine.GlobalTarget, dryRun: true);

        Assert.True(exitCode == 0, output);
        var plan = _workspace.Plan("staging", DeployCommandLine.GlobalTarget);
        AssertPrintedInOrder(plan, output);

        Assert.Contains($"[2/{plan.Steps.Length}] staging: terraform environments/staging/global", output, StringComparison.Ordinal);
        Assert.Contains($"[3/{plan.Steps.Length}] staging: smoke test staging.api.ainow.example.com", output, StringComparison.Ordinal);
        // The addresses Terraform cannot read from a state are the operator's: named, not fatal, in a dry run.
        foreach (var input in new[] { "TF_VAR_digitalocean_load_balancer_address", "TF_VAR_onprem_load_balancer_address" })
        {
            Assert.Contains($"Missing here: {input} is not set (environments/staging/global: ", output, StringComparison.Ordinal);
        }

        Assert.Contains($"Dry run of staging-global: {plan.Steps.Length} steps printed", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_workspace.Root, "releases")), "the global DNS wrote a release folder");
    }

    [Theory]
    [InlineData("no-release-file", "aws", "Deploy failed at Deploy:Release: The release file", "Download the release workflow's release.json")]
    [InlineData("bad-digest", "aws", "Deploy failed at Deploy:Release: The release file", "image 'ainow/api' has digest 'sha256:1234'")]
    [InlineData("unknown-target", "azure", "Deploy failed at Deploy:Target: 'azure' is not a target of staging.", "Fix: Use one of: aws, gcp, digitalocean, onprem, global, all.")]
    public async Task BadInput_ExitsNonZero_NamingTheSettingAndTheFix(string fault, string target, string failure, string fix)
    {
        if (fault == "no-release-file")
        {
            File.Delete(_workspace.ReleaseFile);
        }
        else if (fault == "bad-digest")
        {
            _workspace.WriteRelease(new Dictionary<string, string>(_workspace.Digests) { ["ainow/api"] = "sha256:1234" });
        }

        var (exitCode, output) = await DeployRun.RunAsync(_workspace, "staging", target, dryRun: true);

        Assert.True(exitCode != 0, output);
        Assert.Contains(failure, output, StringComparison.Ordinal);
        Assert.Contains(fix, output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_workspace.Root, "releases")), "a refused deploy wrote its release folder");
    }

    public Task DisposeAsync()
    {
        _workspace.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Each step's header, then each of its commands, on lines of their own in plan order.</summary>
    private static void AssertPrintedInOrder(DeployPlan plan, string output)
    {
        var lines = output.Split('\n').Select(l => l.Trim()).ToList();
        var at = 0;
        for (var i = 0; i < plan.Steps.Length; i++)
        {
            foreach (var expected in plan.Steps[i].Commands.Select(DeployPlanText.Line).Prepend($"[{i + 1}/{plan.Steps.Length}] {plan.Steps[i].Name} (at most {Durations.Text(plan.Steps[i].Timeout)})"))
            {
                var found = lines.IndexOf(expected, at);
                Assert.True(found >= 0, $"'{expected}' is not printed after line {at}:\n{output}");
                at = found + 1;
            }
        }
    }
}

/// <summary>Runs the deploy command of <see cref="DeployCommandLine"/> from a workspace, as a shell at its root would.</summary>
internal static class DeployRun
{
    public static async Task<(int ExitCode, string Output)> RunAsync(DeployWorkspace workspace, string environment, string target, bool dryRun, IReadOnlyDictionary<string, string>? environmentVariables = null)
    {
        var command = DeployCommandLine.For(environment, target, Path.GetFileName(workspace.ReleaseFile), dryRun);
        var separator = command.ToList().IndexOf("--");
        var variables = new Dictionary<string, string>(environmentVariables ?? new Dictionary<string, string>()) { ["PWD"] = workspace.Root };
        var (exitCode, output, error) = await ProcessRunner.RunAsync(
            "dotnet",
            ["run", "--project", Path.Combine(RepositoryPaths.Root, DeployCommandLine.AppHostProject), "--no-build", "-c", RepositoryPaths.Configuration, .. command.Skip(separator), "--Deploy:Kubeconfig", workspace.Kubeconfig],
            workspace.Root,
            TimeSpan.FromMinutes(4),
            variables);
        return (exitCode, output + error);
    }
}
