using AiNow.Publishing.Model;

namespace AiNow.Publishing.Monitoring;

/// <summary>Where each monitoring file goes under <c>manifests/monitoring/</c>.</summary>
public static class MonitoringLayout
{
    /// <summary>The emitter's folder under the publish output.</summary>
    public const string Folder = "monitoring";

    /// <summary>The runbooks' folder inside <see cref="Folder"/>.</summary>
    public const string RunbooksFolder = "runbooks";

    /// <summary>The folder of one environment on one target (<c>production-aws</c>), as the Kubernetes overlays are named.</summary>
    public static string TargetFolder(EnvironmentPlan environment, CloudTarget target)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(target);
        return $"{environment.Name}-{target.Key}";
    }

    /// <summary>The path of the kustomization of one environment on one target, from the repository root.</summary>
    public static string KustomizationPath(string environment, string target) => $"manifests/{Folder}/{environment}-{target}";

    /// <summary>Where runbook pages are read on GitHub, or a relative path when the repository is unknown.</summary>
    public static string RunbookBase(DeploymentModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.SourceRepository is { } repository
            ? $"https://github.com/{repository}/blob/main/manifests/{Folder}/{RunbooksFolder}"
            : $"manifests/{Folder}/{RunbooksFolder}";
    }
}
