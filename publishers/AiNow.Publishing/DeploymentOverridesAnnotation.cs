using AiNow.Publishing.Settings;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Carries a resource's deployment overrides from the app model to the reader.</summary>
/// <param name="Overrides">The overrides per environment and for all.</param>
/// <param name="ReadinessPath">The readiness path, or null for the default.</param>
/// <param name="LivenessPath">The liveness path, or null for the default.</param>
public sealed record DeploymentOverridesAnnotation(ResourceOverrides Overrides, string? ReadinessPath, string? LivenessPath) : IResourceAnnotation;
