using Microsoft.Extensions.Configuration;

namespace AiNow.Publishing.Deployment;

/// <summary>What the caller asked to deploy, from configuration (<c>--Deploy:Environment staging</c> ...).</summary>
/// <param name="Environment">The environment's name.</param>
/// <param name="Target">A target's key, <c>global</c> or <c>all</c>.</param>
/// <param name="ReleaseFile">The release file, absolute.</param>
/// <param name="DryRun">True to print and check the commands without running them.</param>
/// <param name="Kubeconfig">The kubeconfig of a site's cluster, absolute, or null.</param>
internal sealed record DeployRequest(string Environment, string Target, string ReleaseFile, bool DryRun, string? Kubeconfig)
{
    /// <summary>
    /// Reads the request; relative paths are taken from <paramref name="callerFolder"/> (the folder the
    /// command was typed in), like the output path.
    /// </summary>
    public static DeployRequest Read(IConfiguration configuration, string callerFolder)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var environment = Required(configuration, DeployCommandLine.EnvironmentSetting, "the environment to deploy (dev, staging, production)");
        var target = Required(configuration, DeployCommandLine.TargetSetting, $"one of the environment's targets, {DeployCommandLine.GlobalTarget} or {DeployCommandLine.AllTargets}");
        var release = Required(configuration, DeployCommandLine.ReleaseSetting, "the release.json the release workflow wrote");
        var dryRunText = configuration[DeployCommandLine.DryRunSetting];
        var dryRun = false;
        if (!string.IsNullOrWhiteSpace(dryRunText) && !bool.TryParse(dryRunText, out dryRun))
        {
            throw new DeployException(DeployCommandLine.DryRunSetting, $"'{dryRunText}' is not true or false.", $"Pass --{DeployCommandLine.DryRunSetting} true to print and check the commands, or leave it out to deploy.");
        }

        var kubeconfig = configuration[DeployCommandLine.KubeconfigSetting];
        return new DeployRequest(
            environment,
            target,
            Path.GetFullPath(release, callerFolder),
            dryRun,
            string.IsNullOrWhiteSpace(kubeconfig) ? null : Path.GetFullPath(kubeconfig, callerFolder));
    }

    private static string Required(IConfiguration configuration, string key, string what)
    {
        var value = configuration[key];
        return string.IsNullOrWhiteSpace(value)
            ? throw new DeployException(key, $"Not set: the deploy needs {what}.", $"Run {DeployCommandLine.Text("<environment>", "<target>", "<release.json>", dryRun: true)}.")
            : value.Trim();
    }
}
