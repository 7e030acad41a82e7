using AiNow.ServiceDefaults.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AiNow.ServiceDefaults;

/// <summary>
/// Traces and metrics for every service, exported over OTLP only when an endpoint is configured
/// (the dashboard locally, a collector in the clusters). Logs reach OTLP through Serilog.
/// </summary>
public static class OpenTelemetrySetup
{
    /// <summary>The meter every AI-Now service publishes its own business metrics on.</summary>
    public const string MeterName = AiNow.Contracts.Telemetry.AiNowMetrics.MeterName;

    /// <summary>Adds tracing and metrics with ASP.NET Core, HttpClient, runtime, Npgsql and Redis instrumentation.</summary>
    public static TBuilder AddOpenTelemetryExporters<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        var configuredInstance = ServiceInstance.Configured(builder.Configuration);
        var telemetry = builder.Services.AddOpenTelemetry()
            // Replicas must not share an identity: without one of its own each pod gets its host name.
            .ConfigureResource(resource =>
            {
                if (configuredInstance is null)
                {
                    resource.AddAttributes([new(ServiceInstance.AttributeName, Environment.MachineName)]);
                }
            })
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(MeterName))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(MeterName)
                .AddAspNetCoreInstrumentation(options =>
                    // Probes run every few seconds; tracing them buries real requests.
                    options.Filter = context => !HealthEndpoints.IsHealthPath(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddRedisInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }
}
