using AiNow.ServiceDefaults.Audit;
using AiNow.ServiceDefaults.ForwardedHeaders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiNow.ServiceDefaults;

/// <summary>
/// The defaults every AI-Now service starts from: logging, telemetry, health, forwarded headers from
/// trusted proxies only and resilient, discoverable HTTP clients. Each service calls
/// <see cref="AddServiceDefaults{TBuilder}"/> once.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Adds Serilog, OpenTelemetry, health checks, forwarded headers from <c>ForwardedHeaders:TrustedNetworks</c>
    /// (none when unset), service discovery and HttpClient resilience.
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.AddStructuredLogging();
        builder.AddOpenTelemetryExporters();
        builder.AddDefaultHealthChecks();
        builder.Services.AddTrustedForwardedHeaders();
        builder.Services.AddSingleton<AuditLog>();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        return builder;
    }
}
