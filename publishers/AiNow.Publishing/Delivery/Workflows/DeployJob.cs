using AiNow.Publishing.Delivery.Clouds;
using AiNow.Publishing.Delivery.Workflows.Model;
using AiNow.Publishing.Deployment;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Delivery.Workflows;

/// <summary>
/// One deploy of a release, as deploy and rollback both run it: the released commit checked out (its
/// settings and overlays), the AppHost built while the job holds no credential, the cloud logins, the
/// release's <c>release.json</c>, then the AppHost's deploy step. Per target: Terraform plan, apply of
/// that plan, the overlay pinned to the released digests, the rollout's analysis, a smoke test of the
/// target's own ingress, abort and rollback on failure. Per environment, once every target is healthy:
/// its global DNS and a smoke test of every target's public name.
/// </summary>
internal static class DeployJob
{
    /// <summary>The configuration the AppHost is built in before any login and run in with <c>--no-build</c>.</summary>
    public const string Configuration = "Release";

    /// <summary>The job id of <paramref name="environment"/> on <paramref name="target"/> (<c>production-aws</c>).</summary>
    public static string Id(EnvironmentPlan environment, CloudTarget target) => $"{environment.Name}-{target.Key}";

    /// <summary>The job id of <paramref name="environment"/>'s global DNS (<c>production-global</c>).</summary>
    public static string GlobalId(EnvironmentPlan environment) => $"{environment.Name}-{DeployCommandLine.GlobalTarget}";

    /// <summary>The id of the step that runs the deploy command, whose outputs the job passes on.</summary>
    public const string DeployStepId = "deploy";

    /// <summary>The concurrency group every deploy and rollback of one environment on one target shares.</summary>
    public static string ConcurrencyGroup(EnvironmentPlan environment, CloudTarget target) => $"deploy-{environment.Name}-{target.Key}";

    /// <summary>
    /// Builds the AppHost from the checked-out commit. It runs before any login: restoring from nuget.org
    /// runs packages' build logic, which must never see cloud credentials.
    /// </summary>
    public static Step BuildAppHost { get; } = new()
    {
        Name = "Build the AppHost before any cloud login",
        Run = ShellWords.Join(["dotnet", "build", DeployCommandLine.AppHostProject, "--configuration", Configuration, "-nologo"]),
    };

    /// <summary>
    /// The deploy command as CI runs it: <see cref="DeployCommandLine.For"/> with <c>dotnet run
    /// --no-build</c> in <see cref="Configuration"/>, so it neither restores nor builds once the job
    /// holds credentials; <paramref name="extra"/> follows (a site's kubeconfig).
    /// </summary>
    public static IReadOnlyList<string> Command(string environment, string target, IEnumerable<string> extra)
    {
        var command = DeployCommandLine.For(environment, target, ReleaseArtifact.File, dryRun: false);
        if (command.Count < 2 || command[0] != "dotnet" || command[1] != "run")
        {
            throw new InvalidOperationException($"The deploy command no longer starts with 'dotnet run' ({ShellWords.Join(command)}), so CI cannot run it without a build. Make DeployJob.Command follow it.");
        }

        return ["dotnet", "run", "--no-build", "--configuration", Configuration, .. command.Skip(2), .. extra];
    }

    /// <param name="model">The deployment model.</param>
    /// <param name="inputs">The Terraform inputs of the model's roots.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="target">One of its targets.</param>
    /// <param name="needs">Jobs that must succeed first.</param>
    /// <param name="condition">A condition on the job, or null.</param>
    /// <param name="commit">An expression giving the released commit.</param>
    /// <param name="artifact">The artifact holding <c>release.json</c>.</param>
    /// <param name="runId">An expression giving the run that uploaded it.</param>
    /// <param name="rollsBackFrom">For a rollback, an expression giving the commit it replaces, kept in its record; null for a deploy.</param>
    public static Job Build(DeploymentModel model, TerraformInputs inputs, EnvironmentPlan environment, CloudTarget target, IReadOnlyList<string> needs, string? condition, string commit, string artifact, string runId, string? rollsBackFrom = null)
    {
        var own = CloudPipeline.For(target.Cloud, model);
        // A target whose system of record lives on another cloud reads that cloud's state too.
        var logins = new List<(CloudPipeline Pipeline, IReadOnlyList<Step> Steps)> { (own, own.DeployLogin(environment, target)) };
        if (target.Stores == StoreMode.Managed && environment.Primary.Cloud != target.Cloud)
        {
            var primary = CloudPipeline.For(environment.PrimaryCloud, model);
            logins.Add((primary, primary.DeployLogin(environment, environment.Primary)));
        }

        var variables = SortedMap.Of([.. own.DeployVariables.Select(v => (v.Key, v.Value)), .. TerraformInputs.Variables(inputs.ForTarget(environment, target))]);
        List<Step> steps =
        [
            .. Preparation(commit, rollouts: true),
            .. logins.SelectMany(l => l.Steps),
            CommonSteps.DownloadFromRun($"the release ({ReleaseArtifact.File})", artifact, runId),
            new()
            {
                Name = $"Deploy {environment.Name} to {target.Key}",
                Id = DeployStepId,
                Env = variables.Count == 0 ? null : variables,
                Run = ShellWords.Join(Command(environment.Name, target.Key, own.DeployArguments)),
            },
        ];
        if (rollsBackFrom is not null)
        {
            steps.Add(new()
            {
                Name = "Record the commit this rollback replaces",
                Env = SortedMap.Of(("ROLLED_BACK_FROM", rollsBackFrom)),
                Run = $"printf '%s\\n' \"$ROLLED_BACK_FROM\" > {ReleaseArtifact.RolledBackFromFile}",
            });
        }

        // What runs now, for rollback to find; a re-run of this job replaces its own record.
        steps.Add(CommonSteps.Upload("the deployed release", ReleaseArtifact.DeployedName(environment.Name, target.Key),
            rollsBackFrom is null ? ReleaseArtifact.File : $"{ReleaseArtifact.File}\n{ReleaseArtifact.RolledBackFromFile}", ReleaseArtifact.RetentionDays));

        return new Job
        {
            Name = $"Deploy {environment.Name} to {target.Key}",
            Needs = needs,
            If = condition,
            RunsOn = own.RunsOn,
            // The GitHub environment holds the target's secrets and its protection rules (required reviewers gate production).
            Environment = new JobEnvironment(environment.Name, $"https://{target.Hostname}"),
            Permissions = TokenPermissions(logins.Any(l => l.Pipeline.DeployLoginUsesOidc)),
            Concurrency = new Concurrency(ConcurrencyGroup(environment, target), CancelInProgress: false),
            TimeoutMinutes = 120,
            // The address the deploy step read from the target's ingress, for the global DNS of the same run.
            Outputs = SortedMap.Of((StepOutputs.IngressAddress, $"${{{{ steps.{DeployStepId}.outputs.{StepOutputs.IngressAddress} }}}}")),
            Steps = steps,
        };
    }

    /// <summary>
    /// The global DNS of <paramref name="environment"/> once every target deployed: the global root
    /// reads the targets' state where it holds their addresses and writes the Route53 records, then every
    /// public name is smoke-tested through DNS. It runs on a hosted runner, logged in to exactly the
    /// clouds that root touches (<see cref="Terraform.Roots.GlobalRoot.Clouds"/>, which the deploy step
    /// checks credentials for) as a target's deploy logs in to them; the other addresses are inputs,
    /// taken from the target's job of the same run (<see cref="StepOutputs.IngressAddress"/>), and from
    /// the environment's variable when that job gave none (this job re-run on its own).
    /// </summary>
    /// <param name="model">The deployment model.</param>
    /// <param name="inputs">The Terraform inputs of the model's roots.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="needs">Jobs that must succeed first: every target's deploy.</param>
    /// <param name="commit">An expression giving the released commit.</param>
    /// <param name="artifact">The artifact holding <c>release.json</c>.</param>
    /// <param name="runId">An expression giving the run that uploaded it.</param>
    public static Job Global(DeploymentModel model, TerraformInputs inputs, EnvironmentPlan environment, IReadOnlyList<string> needs, string commit, string artifact, string runId)
    {
        var clouds = Terraform.Roots.GlobalRoot.Clouds(environment);
        var touched = environment.Targets.Where(t => clouds.Contains(t.Cloud)).DistinctBy(t => t.Cloud).ToList();
        if (touched.FirstOrDefault(t => CloudPipeline.For(t.Cloud, model).RunsOn is not string) is { } unreachable)
        {
            throw new InvalidOperationException($"The global DNS of {environment.Name} reads the state of {unreachable.Key}, which only that site's runners reach, but it runs on a hosted runner. Give {unreachable.Key}'s address to the global root as an input instead.");
        }

        var logins = touched.Select(t => (Pipeline: CloudPipeline.For(t.Cloud, model), Steps: CloudPipeline.For(t.Cloud, model).GlobalLogin(environment, t))).ToList();

        // A load balancer the global root cannot read from a state is made by its target's deploy, maybe
        // in this very run: a variable set by hand cannot hold it before the first run.
        var published = environment.Targets.ToDictionary(t => Terraform.Roots.GlobalRoot.AddressVariable(t), t => Id(environment, t), StringComparer.Ordinal);
        var variables = SortedMap.Of(
            [
                .. logins.SelectMany(l => l.Pipeline.DeployVariables).Select(v => (v.Key, v.Value)),
                .. inputs.ForGlobal(environment).Select(i => published.TryGetValue(i.Name, out var job) && needs.Contains(job)
                    ? ($"TF_VAR_{i.Name}", $"${{{{ needs.{job}.outputs.{StepOutputs.IngressAddress} || vars.{i.Setting.Name} }}}}")
                    : ($"TF_VAR_{i.Name}", i.Setting.Reference)),
            ]);
        return new Job
        {
            Name = $"Global DNS of {environment.Name} and a smoke test of every target",
            Needs = needs,
            RunsOn = CloudPipeline.HostedRunner,
            Environment = new JobEnvironment(environment.Name, $"https://{environment.Hostname}"),
            Permissions = TokenPermissions(logins.Any(l => l.Pipeline.DeployLoginUsesOidc)),
            Concurrency = new Concurrency($"deploy-{GlobalId(environment)}", CancelInProgress: false),
            TimeoutMinutes = 60,
            Steps =
            [
                .. Preparation(commit, rollouts: false),
                .. logins.SelectMany(l => l.Steps),
                CommonSteps.DownloadFromRun($"the release ({ReleaseArtifact.File})", artifact, runId),
                new()
                {
                    Name = $"Apply the global DNS of {environment.Name} and smoke-test every target",
                    Env = variables.Count == 0 ? null : variables,
                    Run = ShellWords.Join(Command(environment.Name, DeployCommandLine.GlobalTarget, [])),
                },
            ],
        };
    }

    /// <summary>Everything a deploy needs before its first login: the commit, the SDK and the built AppHost, Terraform, the rollouts plugin.</summary>
    private static IEnumerable<Step> Preparation(string commit, bool rollouts) =>
    [
        CommonSteps.Checkout(commit),
        CommonSteps.SetupDotnet,
        BuildAppHost,
        CommonSteps.SetupTerraform,
        .. rollouts ? [CommonSteps.InstallRolloutsPlugin] : Array.Empty<Step>(),
    ];

    private static Permissions TokenPermissions(bool oidc) => new()
    {
        // The release artifact belongs to another run.
        Actions = Permissions.Read,
        Contents = Permissions.Read,
        IdToken = oidc ? Permissions.Write : null,
    };
}
