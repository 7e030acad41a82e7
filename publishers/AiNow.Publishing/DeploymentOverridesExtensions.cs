using AiNow.Publishing.Settings;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Per-resource deployment overrides on the resource builders.</summary>
public static class DeploymentOverridesExtensions
{
    /// <summary>
    /// Overrides how this resource is deployed (replicas, size, autoscaling, health paths), in all
    /// environments or one. Calling it again replaces the earlier overrides.
    /// </summary>
    /// <example><code>builder.AddProject&lt;Projects.Api&gt;("api").WithDeploymentOverrides(o => o.Replicas = 3);</code></example>
    public static IResourceBuilder<T> WithDeploymentOverrides<T>(this IResourceBuilder<T> builder, Action<DeploymentOverridesOptions> configure)
        where T : IComputeResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);

        var options = new DeploymentOverridesOptions();
        configure(options);
        var overrides = new ResourceOverrides(
            new ServiceOverrides { Replicas = options.Replicas, Resources = options.Resources, Autoscaling = options.Autoscaling },
            new Dictionary<string, ServiceOverrides>(options.Environments, StringComparer.Ordinal));
        return builder.WithAnnotation(new DeploymentOverridesAnnotation(overrides, options.ReadinessPath, options.LivenessPath), ResourceAnnotationMutationBehavior.Replace);
    }
}
