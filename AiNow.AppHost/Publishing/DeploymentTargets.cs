using AiNow.Contracts;
using AiNow.Publishing.Settings;

namespace AiNow.AppHost;

/// <summary>
/// Where and how AI-Now is deployed: the one typed place for per-environment settings (clouds,
/// regions, sizes, stores, rollout, approvals). Validated on every publish; a bad value fails the
/// publish with a message naming the setting and the fix, and leaves <c>manifests/</c> untouched.
/// </summary>
public static class DeploymentTargets
{
    private static readonly ResourceSettings SmallJob = new() { CpuRequest = "100m", CpuLimit = "500m", MemoryRequest = "128Mi", MemoryLimit = "256Mi" };

    /// <summary>
    /// dev, staging and production on AWS, GCP, DigitalOcean and on-premises. dev is small with
    /// in-cluster stores; staging and production use managed stores (on-premises: the site's own),
    /// autoscale, and release blue/green with manual promotion. The model server gets more memory everywhere.
    /// Memory is checked against what each service was measured to need (<c>measured-sizing.json</c> beside this
    /// file, written by <c>eng/measure-sizing.sh</c>): requests at least the idle footprint, limits 1.5x the loaded
    /// peak, start-up probes 3x the start time; the publishing tests fail when a size falls below its figure.
    /// </summary>
    public static DeploymentSettings Settings { get; } = new()
    {
        ApplicationName = "ainow",
        ImageTag = "0.1.0",
        // The site's storage class for in-cluster store volumes (dev on-premises): it must exist on the
        // site's cluster; the overview lists it among the prerequisites.
        Accounts = new() { OnPrem = new() { StorageClass = "standard" } },
        Environments =
        [
            DeploymentDefaults.Dev with
            {
                Services = new Dictionary<string, ServiceOverrides>
                {
                    [ResourceNames.Inference] = new() { Resources = new() { CpuRequest = "250m", CpuLimit = "1", MemoryRequest = "512Mi", MemoryLimit = "1Gi" } },
                    [ResourceNames.Migrations] = new() { Resources = SmallJob },
                },
            },
            DeploymentDefaults.Staging with
            {
                Services = new Dictionary<string, ServiceOverrides>
                {
                    [ResourceNames.Inference] = new() { Resources = new() { CpuRequest = "500m", CpuLimit = "2", MemoryRequest = "1Gi", MemoryLimit = "2Gi" } },
                    [ResourceNames.Migrations] = new() { Resources = SmallJob },
                },
            },
            DeploymentDefaults.Production with
            {
                Services = new Dictionary<string, ServiceOverrides>
                {
                    [ResourceNames.Inference] = new() { Resources = new() { CpuRequest = "1", CpuLimit = "2", MemoryRequest = "1Gi", MemoryLimit = "2Gi" } },
                    [ResourceNames.Migrations] = new() { Resources = SmallJob },
                },
            },
        ],
    };

    /// <summary>Registers the deployment publishers (Kubernetes manifests for every environment and cloud).</summary>
    public static IDistributedApplicationBuilder AddDeploymentTargets(this IDistributedApplicationBuilder builder) =>
        builder.AddDeploymentPublishing(Settings);
}
