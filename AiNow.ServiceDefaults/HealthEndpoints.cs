using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace AiNow.ServiceDefaults;

/// <summary>
/// <c>/alive</c> answers while the process runs (liveness); <c>/health</c> answers when the
/// service's dependencies answer (readiness). Both are mapped in every environment because
/// Kubernetes probes use them; both answer only a status word, never details.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>Liveness path: the process is up.</summary>
    public const string LivenessPath = "/alive";

    /// <summary>Readiness path: the service and its dependencies are usable.</summary>
    public const string ReadinessPath = "/health";

    /// <summary>The tag that marks the checks liveness runs (only the process itself).</summary>
    public const string LiveTag = "live";

    /// <summary>Adds the liveness check every service has.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>Maps <c>/alive</c> and <c>/health</c>.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions { ResponseWriter = WriteStatusOnly })
            .DisableHttpMetrics();
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
