using AiNow.Publishing.Settings;

namespace Aspire.Hosting;

/// <summary>
/// Per-resource deployment overrides, set with <c>WithDeploymentOverrides</c>. Unset values keep
/// the environment's settings; <see cref="Environments"/> overrides one environment only.
/// </summary>
public sealed class DeploymentOverridesOptions
{
    /// <summary>Replicas when not autoscaled, in every environment.</summary>
    public int? Replicas { get; set; }

    /// <summary>CPU and memory, in every environment.</summary>
    public ResourceSettings? Resources { get; set; }

    /// <summary>Autoscaling bounds, in every environment.</summary>
    public AutoscalingSettings? Autoscaling { get; set; }

    /// <summary>The readiness path (default <c>/health</c>, the service defaults' endpoint).</summary>
    public string? ReadinessPath { get; set; }

    /// <summary>The liveness path, also used for the startup probe (default <c>/alive</c>).</summary>
    public string? LivenessPath { get; set; }

    /// <summary>Overrides for one environment, by environment name.</summary>
    public IDictionary<string, ServiceOverrides> Environments { get; } = new Dictionary<string, ServiceOverrides>(StringComparer.Ordinal);
}
