using AiNow.AppHost;
using AiNow.Publishing.Deployment;
using AiNow.Publishing.Reading;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Deployment;

/// <summary>
/// A real (not dry) deploy through the documented command, against stand-in tools first on the PATH:
/// the commands run exactly in the planned order; the first failure stops the deploy, exits non-zero
/// and names its step; a failed rollout or smoke test runs the rollback, a failed Terraform root does not.
/// </summary>
public sealed class DeployRealRunTests(AppHostModelFixture appHost) : IClassFixture<AppHostModelFixture>, IAsyncLifetime
{
    private const string Environment = "staging";
    private const string Target = "aws";

    private DeployWorkspace _workspace = null!;
    private FakeTools _tools = null!;

    public async Task InitializeAsync()
    {
        _workspace = new DeployWorkspace(await new AppModelReader(DeploymentTargets.Settings).ReadAsync(appHost.AppHost.Model, appHost.AppHost.ExecutionContext), publishedOutput: null);
        var kubectl = System.Environment.GetEnvironmentVariable("PATH")!.Split(Path.PathSeparator).Select(folder => Path.Combine(folder, "kubectl")).First(File.Exists);
        _tools = new FakeTools(kubectl);
    }

    [Fact]
    public async Task EveryPlannedCommand_Runs_InThePlannedOrder()
    {
        var (exitCode, output) = await DeployRun.RunAsync(_workspace, Environment, Target, dryRun: false, Variables(failWhen: null));

        Assert.True(exitCode == 0, output);
        var plan = _workspace.Plan(Environment, Target);
        Assert.Equal(ExpectedCalls(plan, plan.Steps.Length), _tools.Calls());
        Assert.Contains($"Deployed {Environment} to {Target}: release 0.1.0, {plan.Steps.Length} steps done.", output, StringComparison.Ordinal);
        // The smoke test went to the address the cluster gave the Ingress, under the public name.
        Assert.Contains($"curl --silent --show-error --output /dev/null --write-out %{{http_code}} --max-time 10 --connect-to aws.staging.api.ainow.example.com:443:{FakeTools.IngressAddress}:443 https://aws.staging.api.ainow.example.com/v1/models", _tools.Calls());
    }

    [Fact]
    public async Task TheAddressTheIngressGot_IsPublishedAsTheStepOutput_ByARealRunOnly()
    {
        var (dryExitCode, dryOutput) = await DeployRun.RunAsync(_workspace, Environment, Target, dryRun: true, Variables(failWhen: null));

        Assert.True(dryExitCode == 0, dryOutput);
        Assert.False(File.Exists(_tools.StepOutputs), "the dry run wrote a step output");

        var (exitCode, output) = await DeployRun.RunAsync(_workspace, Environment, Target, dryRun: false, Variables(failWhen: null));

        Assert.True(exitCode == 0, output);
        // What the global DNS job of the same run reads as needs.<job>.outputs.ingress-address.
        Assert.Equal([$"{StepOutputs.IngressAddress}={FakeTools.IngressAddress}"], File.ReadAllLines(_tools.StepOutputs));
    }

    [Fact]
    public async Task TheGlobalDns_Runs_ItsRootThenItsSmokeTests_AndRefusesARunWithoutItsOperatorInputs()
    {
        var global = _workspace.Plan(Environment, DeployCommandLine.GlobalTarget);
        var inputs = global.Variables.Where(v => v.Names.StartsWith("TF_VAR_", StringComparison.Ordinal)).Select(v => v.Names).ToList();
        Assert.Contains("TF_VAR_digitalocean_load_balancer_address", inputs);
        var unset = Variables(failWhen: null, DeployCommandLine.GlobalTarget);
        unset.Remove("TF_VAR_digitalocean_load_balancer_address");

        var (refused, refusal) = await DeployRun.RunAsync(_workspace, Environment, DeployCommandLine.GlobalTarget, dryRun: false, unset);

        Assert.True(refused != 0, refusal);
        Assert.Contains("TF_VAR_digitalocean_load_balancer_address is not set", refusal, StringComparison.Ordinal);
        Assert.Empty(_tools.Calls());

        var (exitCode, output) = await DeployRun.RunAsync(_workspace, Environment, DeployCommandLine.GlobalTarget, dryRun: false, Variables(failWhen: null, DeployCommandLine.GlobalTarget));

        Assert.True(exitCode == 0, output);
        Assert.Equal(ExpectedCalls(global, global.Steps.Length), _tools.Calls());
        Assert.Contains("terraform -chdir=" + Path.Combine(_workspace.Output, "terraform", "environments", Environment, "global") + " apply -input=false tfplan", _tools.Calls());
    }

    [Theory]
    [InlineData("--for=condition=complete job/migrations", "staging-aws: wait for the migrations", false)]
    [InlineData("argo rollouts status gateway", "staging-aws: wait for the rollouts", true)]
    [InlineData("curl ", "staging-aws: smoke test aws.staging.api.ainow.example.com through its ingress", true)]
    public async Task AFailure_StopsTheDeploy_ExitsNonZero_NamingTheStep_AndRollsBackOnlyARelease(string failing, string step, bool rollsBack)
    {
        var (exitCode, output) = await DeployRun.RunAsync(_workspace, Environment, Target, dryRun: false, Variables(failing));

        Assert.True(exitCode != 0, output);
        Assert.Contains($"Deploy failed at {step}: ", output, StringComparison.Ordinal);
        Assert.Contains(" Fix: ", output, StringComparison.Ordinal);

        var plan = _workspace.Plan(Environment, Target);
        var failedStep = plan.Steps.Single(s => s.Name == step);
        var calls = _tools.Calls().ToList();
        var failedAt = calls.FindIndex(c => c.Contains(failing, StringComparison.Ordinal));
        Assert.True(failedAt >= 0, string.Join('\n', calls));
        // Everything planned before the failing command ran, in order; after it, only the recovery.
        var before = ExpectedCalls(plan, plan.Steps.IndexOf(failedStep) + 1);
        Assert.Equal(before.Take(failedAt + 1), calls.Take(failedAt + 1));
        var recovery = failedStep.Diagnostics.Concat(rollsBack ? failedStep.Rollback!.Commands : []).Select(c => Call(Resolve(plan, c))).ToList();
        Assert.Equal(recovery, calls.Skip(failedAt + 1));
        if (rollsBack)
        {
            Assert.Contains(calls, c => c.StartsWith("kubectl argo rollouts abort gateway", StringComparison.Ordinal));
            // Back to the revision that ran before this deploy, as the cluster answered it then.
            Assert.Contains(calls, c => c.StartsWith("kubectl argo rollouts undo gateway", StringComparison.Ordinal) && c.EndsWith($" --to-revision={FakeTools.RolloutRevision}", StringComparison.Ordinal));
            Assert.Contains(calls, c => c.StartsWith("kubectl rollout undo ", StringComparison.Ordinal) && c.EndsWith($" --to-revision={FakeTools.DeploymentRevision}", StringComparison.Ordinal));
            Assert.Contains("Rolled back: ", output, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain(calls, c => c.Contains(" abort ", StringComparison.Ordinal) || c.Contains(" undo ", StringComparison.Ordinal));
        }
    }

    public Task DisposeAsync()
    {
        _tools.Dispose();
        _workspace.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The fakes first on the PATH, and every variable the plan reads set (to a value no real tool would take).</summary>
    private Dictionary<string, string> Variables(string? failWhen, string target = Target)
    {
        var variables = _tools.Environment(failWhen);
        foreach (var variable in _workspace.Plan(Environment, target).Variables)
        {
            variables[variable.AnyOf[0]] = "set-by-the-test";
        }

        return variables;
    }

    /// <summary>The calls a run makes up to the end of step <paramref name="steps"/>: the checks' renders, then every command of those steps.</summary>
    private static List<string> ExpectedCalls(DeployPlan plan, int steps) =>
        plan.Releases.Select(r => $"kubectl kustomize {r.Folder}")
            .Concat(plan.Steps.Take(steps).SelectMany(s => s.Commands).Select(c => Call(Resolve(plan, c))))
            .ToList();

    /// <summary><paramref name="command"/> as it runs: what the fakes answered to the plan's captures in its place.</summary>
    private static DeployCommand Resolve(DeployPlan plan, DeployCommand command) =>
        command.Resolve(plan.Steps.SelectMany(s => s.Commands).Where(c => c.Captures is not null).ToDictionary(c => c.Captures!.Name, FakeTools.Answer));

    private static string Call(DeployCommand command) => string.Join(' ', command.Arguments.Prepend(command.Program));
}
