using AiNow.Contracts.Telemetry;
using AiNow.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Sinks.OpenTelemetry;

namespace AiNow.ServiceDefaults;

/// <summary>
/// Serilog as the one logging pipeline: JSON lines on stdout outside Development (what a cluster's
/// log collector expects), a readable console in Development, and every event forwarded over OTLP
/// when an endpoint is configured so logs sit beside traces in the dashboard.
/// </summary>
public static class StructuredLogging
{
    private const string ConsoleTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} {TraceId}{NewLine}{Exception}";

    /// <summary>Replaces the default logging providers with Serilog.</summary>
    public static TBuilder AddStructuredLogging<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        var environment = builder.Environment;
        var configuration = builder.Configuration;
        var serviceName = configuration["OTEL_SERVICE_NAME"] ?? environment.ApplicationName;
        var otlpEndpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];

        builder.Services.AddSerilog((services, logger) =>
        {
            logger
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Extensions.Http", LogEventLevel.Warning)
                .MinimumLevel.Override("Polly", LogEventLevel.Warning)
                .MinimumLevel.Override("Yarp", LogEventLevel.Warning)
                // Npgsql logs every command at Information; traces already carry them.
                .MinimumLevel.Override("Npgsql", LogEventLevel.Warning)
                .ApplyLevels(configuration)
                // Audit events are a record, not diagnostics: no log level setting may drop them.
                .MinimumLevel.Override(AuditContract.Category, LogEventLevel.Information)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("service", serviceName)
                .Enrich.WithProperty("environment", environment.EnvironmentName);

            if (environment.IsDevelopment())
            {
                logger.WriteTo.Console(outputTemplate: ConsoleTemplate, formatProvider: null);
            }
            else
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }

            if (!string.IsNullOrWhiteSpace(otlpEndpoint))
            {
                logger.WriteTo.OpenTelemetry(options =>
                {
                    options.Endpoint = otlpEndpoint;
                    options.Protocol = ParseProtocol(configuration["OTEL_EXPORTER_OTLP_PROTOCOL"]);
                    options.Headers = OtlpSettings.ParseList(configuration["OTEL_EXPORTER_OTLP_HEADERS"]);
                    options.ResourceAttributes = new Dictionary<string, object>
                    {
                        ["service.name"] = serviceName,
                        [ServiceInstance.AttributeName] = ServiceInstance.Id(configuration),
                        ["deployment.environment"] = environment.EnvironmentName,
                    };
                });
            }
        });

        return builder;
    }

    private static OtlpProtocol ParseProtocol(string? protocol) =>
        string.Equals(protocol, "http/protobuf", StringComparison.OrdinalIgnoreCase)
            ? OtlpProtocol.HttpProtobuf
            : OtlpProtocol.Grpc;
}
