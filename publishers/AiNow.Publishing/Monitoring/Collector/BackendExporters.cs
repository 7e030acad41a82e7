using System.Collections.Immutable;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;

namespace AiNow.Publishing.Monitoring.Collector;

/// <summary>An exporter's name (<c>type/name</c>), its settings and where it writes.</summary>
/// <param name="Name">The component name pipelines refer to.</param>
/// <param name="Settings">The typed settings.</param>
/// <param name="Destination">Where the data lands, for people (the README).</param>
public sealed record NamedExporter(string Name, object Settings, string Destination)
{
    /// <summary>The component type (<c>awscloudwatchlogs</c> of <c>awscloudwatchlogs/audit</c>).</summary>
    public string Type => Name.Split('/')[0];
}

/// <summary>
/// Where one target's traces and each log type go, from its <see cref="TelemetryBackend"/>: the one
/// place that maps a backend to exporters. Every destination name comes from
/// <see cref="TelemetryDestinations"/>, which the infrastructure side creates the destinations from.
/// </summary>
/// <param name="Traces">The traces pipeline's exporter.</param>
/// <param name="Logs">The exporter of each log type, by type.</param>
public sealed record BackendExporters(NamedExporter Traces, ImmutableSortedDictionary<string, NamedExporter> Logs)
{
    /// <summary>The log stream the collector writes in each CloudWatch log group (CloudWatch takes concurrent writers since it dropped sequence tokens).</summary>
    public const string CloudWatchLogStream = "otel-collector";

    /// <summary>The exporters of <paramref name="target"/> in <paramref name="environment"/>.</summary>
    public static BackendExporters For(EnvironmentPlan environment, CloudTarget target)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(target);
        return target.Profile.TelemetryBackend switch
        {
            TelemetryBackend.CloudWatchAndXRay => new(
                new("awsxray", new XRayExporter(target.Region), $"AWS X-Ray ({target.Region})"),
                PerLogType(type => new($"awscloudwatchlogs/{type}", new CloudWatchLogsExporter(target.Region, TelemetryDestinations.CloudWatchLogGroup(environment.Name, type), CloudWatchLogStream), $"CloudWatch Logs `{TelemetryDestinations.CloudWatchLogGroup(environment.Name, type)}` ({target.Region})"))),
            TelemetryBackend.CloudLoggingAndCloudTrace => new(
                new("googlecloud/traces", new GoogleCloudExporter(target.Account.AccountId), $"Cloud Trace (project {target.Account.AccountId})"),
                PerLogType(type => new($"googlecloud/{type}", new GoogleCloudExporter(target.Account.AccountId, new GoogleCloudLogSettings(TelemetryDestinations.CloudLoggingLogName(environment.Name, type))), $"Cloud Logging log `{TelemetryDestinations.CloudLoggingLogName(environment.Name, type)}`, kept in bucket `{TelemetryDestinations.CloudLoggingBucket(environment.Name, type)}`"))),
            TelemetryBackend.LokiAndTempo => new(
                new("otlp/tempo", new OtlpGrpcExporter(TelemetryDestinations.TempoOtlpEndpoint, new ClientTls(Insecure: true)), $"Tempo (`{TelemetryDestinations.TempoOtlpEndpoint}`)"),
                PerLogType(type => new($"otlphttp/loki-{type}", new OtlpHttpExporter(TelemetryDestinations.LokiOtlpEndpoint, ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add(LokiTenantHeader, TelemetryDestinations.LokiTenant(type))), $"Loki tenant `{TelemetryDestinations.LokiTenant(type)}`"))),
            var other => throw new InvalidOperationException($"Telemetry backend '{other}' of {target.Key} has no collector exporters; add them to {nameof(BackendExporters)}."),
        };
    }

    /// <summary>The header naming the Loki tenant a request writes to.</summary>
    public const string LokiTenantHeader = "X-Scope-OrgID";

    private static ImmutableSortedDictionary<string, NamedExporter> PerLogType(Func<string, NamedExporter> exporter) =>
        TelemetryDestinations.LogTypes.ToImmutableSortedDictionary(type => type, exporter, StringComparer.Ordinal);
}
