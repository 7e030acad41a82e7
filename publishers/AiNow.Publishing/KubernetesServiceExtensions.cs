using AiNow.Publishing.Settings;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Per-resource deployment overrides on the resource builders.</summary>
public static class KubernetesServiceExtensions
{
    /// <summary>
    /// Overrides how this resource is deployed (replicas, size, autoscaling, health paths), in all
    /// environments or one. Calling it again replaces the earlier overrides.
    /// </summary>
    /// <example><code>builder.AddProject&lt;Projects.Api&gt;("api").PublishAsKubernetesService(o => o.Replicas = 3);</code></example>
    public static IResourceBuilder<T> PublishAsKubernetesService<T>(this IResourceBuilder<T> builder, Action<KubernetesServiceOptions> configure)
        where T : IComputeResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);

        var options = new KubernetesServiceOptions();
        configure(options);
        var overrides = new ResourceOverrides(
            new ServiceOverrides { Replicas = options.Replicas, Resources = options.Resources, Autoscaling = options.Autoscaling },
            new Dictionary<string, ServiceOverrides>(options.Environments, StringComparer.Ordinal));
        return builder.WithAnnotation(new KubernetesServiceAnnotation(overrides, options.ReadinessPath, options.LivenessPath), ResourceAnnotationMutationBehavior.Replace);
    }
}
