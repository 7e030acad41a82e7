using AiNow.Publishing.Delivery.Clouds;
using AiNow.Publishing.Delivery.Workflows.Model;
using AiNow.Publishing.Deployment;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Delivery.Workflows;

/// <summary>
/// One deploy of a release to one environment on one target, as deploy and rollback both run it: the
/// released commit checked out (its settings and overlays), the cloud logins, the release's
/// <c>release.json</c>, then the AppHost's deploy step (Terraform plan, apply of that plan, the overlay
/// pinned to the released digests, the rollout's analysis, a smoke test, abort and rollback on failure).
/// </summary>
internal static class DeployJob
{
    /// <summary>The job id of <paramref name="environment"/> on <paramref name="target"/> (<c>production-aws</c>).</summary>
    public static string Id(EnvironmentPlan environment, CloudTarget target) => $"{environment.Name}-{target.Key}";

    /// <summary>The concurrency group every deploy and rollback of one environment on one target shares.</summary>
    public static string ConcurrencyGroup(EnvironmentPlan environment, CloudTarget target) => $"deploy-{environment.Name}-{target.Key}";

    /// <param name="model">The deployment model.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="target">One of its targets.</param>
    /// <param name="needs">Jobs that must succeed first.</param>
    /// <param name="condition">A condition on the job, or null.</param>
    /// <param name="commit">An expression giving the released commit.</param>
    /// <param name="artifact">The artifact holding <c>release.json</c>.</param>
    /// <param name="runId">An expression giving the run that uploaded it.</param>
    /// <param name="record">True to keep the release as this environment's and target's deployed one (rollback finds it).</param>
    public static Job Build(DeploymentModel model, EnvironmentPlan environment, CloudTarget target, IReadOnlyList<string> needs, string? condition, string commit, string artifact, string runId, bool record)
    {
        var own = CloudPipeline.For(target.Cloud, model);
        // A target whose system of record lives on another cloud reads that cloud's state too.
        var logins = new List<(CloudPipeline Pipeline, CloudTarget Target)> { (own, target) };
        if (target.Stores == StoreMode.Managed && environment.Primary.Cloud != target.Cloud)
        {
            logins.Add((CloudPipeline.For(environment.PrimaryCloud, model), environment.Primary));
        }

        var command = Deployment.ShellWords.Join([.. DeployCommandLine.For(environment.Name, target.Key, ReleaseArtifact.File, dryRun: false), .. own.DeployArguments]);
        List<Step> steps =
        [
            CommonSteps.Checkout(commit),
            CommonSteps.SetupDotnet,
            CommonSteps.SetupTerraform,
            CommonSteps.InstallRolloutsPlugin,
            .. logins.SelectMany(l => l.Pipeline.DeployLogin(environment, l.Target)),
            CommonSteps.DownloadFromRun($"the release ({ReleaseArtifact.File})", artifact, runId),
            new()
            {
                Name = $"Deploy {environment.Name} to {target.Key}",
                Env = own.DeployVariables.Count == 0 ? null : own.DeployVariables,
                Run = command,
            },
        ];
        if (record)
        {
            steps.Add(CommonSteps.Upload($"the deployed release", ReleaseArtifact.DeployedName(environment.Name, target.Key), ReleaseArtifact.File, ReleaseArtifact.RetentionDays));
        }

        return new Job
        {
            Name = $"Deploy {environment.Name} to {target.Key}",
            Needs = needs,
            If = condition,
            RunsOn = own.RunsOn,
            // The GitHub environment holds the target's secrets and its protection rules (required reviewers gate production).
            Environment = new JobEnvironment(environment.Name, $"https://{target.Hostname}"),
            Permissions = new Permissions
            {
                // The release artifact belongs to another run.
                Actions = Permissions.Read,
                Contents = Permissions.Read,
                IdToken = logins.Any(l => l.Pipeline.DeployLoginUsesOidc) ? Permissions.Write : null,
            },
            Concurrency = new Concurrency(ConcurrencyGroup(environment, target), CancelInProgress: false),
            TimeoutMinutes = 120,
            Steps = steps,
        };
    }
}
