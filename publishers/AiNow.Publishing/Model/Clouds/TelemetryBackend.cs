namespace AiNow.Publishing.Model.Clouds;

/// <summary>Where a cloud's logs and traces go from the OpenTelemetry Collector (metrics go to the in-cluster Prometheus everywhere).</summary>
public enum TelemetryBackend
{
    /// <summary>AWS: CloudWatch Logs (one log group per log type) and X-Ray.</summary>
    CloudWatchAndXRay,

    /// <summary>Google Cloud: Cloud Logging (one log name per log type, audit routed to its own bucket) and Cloud Trace.</summary>
    CloudLoggingAndCloudTrace,

    /// <summary>No managed service (DigitalOcean, a site): Loki (one tenant per log type) and Tempo in the monitoring namespace.</summary>
    LokiAndTempo,
}

/// <summary>
/// The names the collector's configuration and the infrastructure that receives its output must agree
/// on, in one place: log groups, log names and buckets, Loki tenants and in-cluster addresses.
/// </summary>
public static class TelemetryDestinations
{
    /// <summary>The namespace of the collector, Prometheus, Loki and Tempo.</summary>
    public const string MonitoringNamespace = "monitoring";

    /// <summary>The collector's Kubernetes service account, which the cloud identity (IRSA, Workload Identity) is bound to.</summary>
    public const string CollectorServiceAccount = "otel-collector";

    /// <summary>The log types, each routed and retained separately.</summary>
    public static IReadOnlyList<string> LogTypes { get; } = [ApplicationLogType, AuditLogType];

    /// <summary>Application logs.</summary>
    public const string ApplicationLogType = "application";

    /// <summary>Audit events (<see cref="AiNow.Contracts.Telemetry.AuditContract"/>).</summary>
    public const string AuditLogType = "audit";

    /// <summary>The CloudWatch log group of an environment's logs of one type (<c>/ainow/production/audit</c>).</summary>
    public static string CloudWatchLogGroup(string environment, string logType) => $"/ainow/{environment}/{logType}";

    /// <summary>The Cloud Logging log name of one log type (<c>ainow-audit</c>).</summary>
    public static string CloudLoggingLogName(string logType) => $"ainow-{logType}";

    /// <summary>The Cloud Logging bucket that keeps an environment's logs of one type for their retention (<c>ainow-production-audit</c>).</summary>
    public static string CloudLoggingBucket(string environment, string logType) => $"ainow-{environment}-{logType}";

    /// <summary>The Loki tenant (<c>X-Scope-OrgID</c>) of one log type; Loki's per-tenant limits set each one's retention.</summary>
    public static string LokiTenant(string logType) => logType;

    /// <summary>Loki's OTLP endpoint (its gateway, as the Loki chart names it).</summary>
    public const string LokiOtlpEndpoint = "http://loki-gateway.monitoring.svc.cluster.local/otlp";

    /// <summary>Tempo's OTLP gRPC endpoint.</summary>
    public const string TempoOtlpEndpoint = "tempo.monitoring.svc.cluster.local:4317";

    /// <summary>The port of the collector's Prometheus exporter, which a ServiceMonitor scrapes.</summary>
    public const int CollectorMetricsPort = 8889;
}
