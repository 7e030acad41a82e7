namespace AiNow.Publishing.Deployment;

/// <summary>
/// The one command that deploys an environment to a target from the repository root, for people and
/// for CI alike: it publishes the output afresh (byte-identical to the committed <c>manifests/</c>) and
/// then runs the <c>deploy</c> step over it with the given release.
/// </summary>
public static class DeployCommandLine
{
    /// <summary>The AppHost project, relative to the repository root.</summary>
    public const string AppHostProject = "AiNow.AppHost";

    /// <summary>The publish output the deploy step reads (and regenerates first).</summary>
    public const string OutputPath = "manifests";

    /// <summary>The pipeline step run: Aspire's well-known <c>deploy</c> step, which requires ours.</summary>
    public const string StepName = "deploy";

    /// <summary>Configuration key: the environment to deploy (<c>dev</c>, <c>staging</c>, <c>production</c>).</summary>
    public const string EnvironmentSetting = "Deploy:Environment";

    /// <summary>Configuration key: one target of the environment (<c>aws</c>, <c>gcp</c>, ...), <c>global</c> or <c>all</c>.</summary>
    public const string TargetSetting = "Deploy:Target";

    /// <summary>Configuration key: the release file (image digests) written by the release workflow.</summary>
    public const string ReleaseSetting = "Deploy:Release";

    /// <summary>Configuration key: <c>true</c> prints and checks the commands without running them.</summary>
    public const string DryRunSetting = "Deploy:DryRun";

    /// <summary>Configuration key: the kubeconfig file of an on-premises cluster (the site provides it).</summary>
    public const string KubeconfigSetting = "Deploy:Kubeconfig";

    /// <summary>The target value that deploys every target of the environment, then its global DNS.</summary>
    public const string AllTargets = "all";

    /// <summary>
    /// The target value that applies only the environment's global DNS (every target's name and the
    /// global name) and smoke-tests those names: run once the targets are deployed.
    /// </summary>
    public const string GlobalTarget = "global";

    /// <summary>
    /// The whole command, program first: <c>dotnet run --project AiNow.AppHost -- --operation publish
    /// --step deploy --output-path manifests --Deploy:Environment staging --Deploy:Target aws
    /// --Deploy:Release release.json [--Deploy:DryRun true]</c>.
    /// </summary>
    /// <param name="environment">The environment to deploy.</param>
    /// <param name="target">One of the environment's targets, <see cref="GlobalTarget"/> or <see cref="AllTargets"/>.</param>
    /// <param name="releaseFile">The release file, relative to the repository root or absolute.</param>
    /// <param name="dryRun">Print and validate the commands without running them.</param>
    public static IReadOnlyList<string> For(string environment, string target, string releaseFile, bool dryRun)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(environment);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        ArgumentException.ThrowIfNullOrWhiteSpace(releaseFile);

        List<string> arguments =
        [
            "dotnet", "run", "--project", AppHostProject, "--",
            "--operation", "publish", "--step", StepName, "--output-path", OutputPath,
            $"--{EnvironmentSetting}", environment,
            $"--{TargetSetting}", target,
            $"--{ReleaseSetting}", releaseFile,
        ];
        if (dryRun)
        {
            arguments.AddRange([$"--{DryRunSetting}", "true"]);
        }

        return arguments;
    }

    /// <summary>The same command as one shell line (arguments quoted only where a shell needs it).</summary>
    public static string Text(string environment, string target, string releaseFile, bool dryRun) =>
        ShellWords.Join(For(environment, target, releaseFile, dryRun));
}
