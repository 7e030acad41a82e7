using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace AiNow.ServiceDefaults;

/// <summary>
/// <c>/alive</c> answers while the process runs (liveness); <c>/health</c> answers when the
/// dependencies the service cannot serve without answer (readiness). Both are mapped in every
/// environment because Kubernetes probes use them; both answer only a status word, never details.
/// </summary>
/// <remarks>
/// A check tagged <see cref="OptionalTag"/> (a dependency the service degrades without, such as a
/// cache) stays out of <c>/health</c>: one blip of it must not take every pod out of rotation at once.
/// <see cref="HealthReportPublisher"/> still runs every check, logs each change of status and
/// publishes the <c>ainow.health.status</c> gauge, so an optional dependency's outage is visible.
/// </remarks>
public static class HealthEndpoints
{
    /// <summary>Liveness path: the process is up.</summary>
    public const string LivenessPath = "/alive";

    /// <summary>Readiness path: the service and its dependencies are usable.</summary>
    public const string ReadinessPath = "/health";

    /// <summary>The tag that marks the checks liveness runs (only the process itself).</summary>
    public const string LiveTag = "live";

    /// <summary>
    /// The tag that marks a check of a dependency the service can serve without (it falls back);
    /// such checks are left out of readiness but still logged and measured.
    /// </summary>
    public const string OptionalTag = "optional";

    /// <summary>Adds the liveness check every service has and the publisher that logs and measures every check.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHealthCheckPublisher, HealthReportPublisher>());
        return builder;
    }

    /// <summary>True for the checks <c>/health</c> (readiness) runs: every check not tagged <see cref="OptionalTag"/>.</summary>
    public static bool IsReadinessCheck(HealthCheckRegistration check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return !check.Tags.Contains(OptionalTag);
    }

    /// <summary>Maps <c>/alive</c> and <c>/health</c>.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions
        {
            Predicate = IsReadinessCheck,
            ResponseWriter = WriteStatusOnly,
        }).DisableHttpMetrics();
        app.MapHealthChecks(LivenessPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = WriteStatusOnly,
        }).DisableHttpMetrics();

        return app;
    }

    /// <summary>True for the probe paths, which telemetry and request logging leave out.</summary>
    public static bool IsHealthPath(PathString path) =>
        path.StartsWithSegments(ReadinessPath) || path.StartsWithSegments(LivenessPath);

    private static Task WriteStatusOnly(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(report.Status.ToString());
    }
}
