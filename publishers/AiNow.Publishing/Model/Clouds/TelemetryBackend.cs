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
/// on, in one place: log groups, log names and buckets, Loki tenants and in-cluster addresses, and the
/// files and Secret the add-ons read the published monitoring configuration from.
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

    /// <summary>
    /// The Cloud Logging log name of an environment's logs of one type (<c>ainow-production-audit</c>).
    /// Several environments may share one project, and the sinks route by log name alone: with the
    /// environment in the name each environment's buckets receive only its own logs.
    /// </summary>
    public static string CloudLoggingLogName(string environment, string logType) => $"ainow-{environment}-{logType}";

    /// <summary>The Cloud Logging bucket that keeps an environment's logs of one type for their retention (<c>ainow-production-audit</c>).</summary>
    public static string CloudLoggingBucket(string environment, string logType) => $"ainow-{environment}-{logType}";

    /// <summary>The Loki tenant (<c>X-Scope-OrgID</c>) of one log type; Loki's per-tenant limits set each one's retention.</summary>
    public static string LokiTenant(string logType) => logType;

    /// <summary>Loki's gateway, as the Loki chart names it: Grafana queries it, the collector pushes under <see cref="LokiOtlpEndpoint"/>.</summary>
    public const string LokiGateway = "http://loki-gateway.monitoring.svc.cluster.local";

    /// <summary>Loki's OTLP endpoint.</summary>
    public const string LokiOtlpEndpoint = LokiGateway + "/otlp";

    /// <summary>Tempo's query API (its HTTP port), which Grafana reads traces from.</summary>
    public const string TempoQueryEndpoint = "http://tempo.monitoring.svc.cluster.local:3200";

    /// <summary>Tempo's OTLP gRPC endpoint.</summary>
    public const string TempoOtlpEndpoint = "tempo.monitoring.svc.cluster.local:4317";

    /// <summary>The port of the collector's Prometheus exporter, which a ServiceMonitor scrapes.</summary>
    public const int CollectorMetricsPort = 8889;

    /// <summary>The name of the collector chart's Service port that serves the Prometheus exporter (the ServiceMonitor scrapes it by name).</summary>
    public const string CollectorMetricsPortName = "prom-exporter";

    /// <summary>The collector's configuration, beside each monitoring kustomization and each add-ons stage (the chart's <c>alternateConfig</c>).</summary>
    public const string CollectorConfigFile = "collector.yaml";

    /// <summary>The collector chart's values file holding <see cref="CollectorConfigFile"/> as <c>alternateConfig</c>, for installing by hand.</summary>
    public const string CollectorValuesFile = "collector-values.yaml";

    /// <summary>Alertmanager's configuration, beside each monitoring kustomization and each add-ons stage (kube-prometheus-stack's <c>alertmanager.config</c>).</summary>
    public const string AlertmanagerConfigFile = "alertmanager.yaml";

    /// <summary>kube-prometheus-stack's values file holding <see cref="AlertmanagerConfigFile"/> as <c>alertmanager.config</c>, for installing by hand.</summary>
    public const string PrometheusValuesFile = "kube-prometheus-stack-values.yaml";

    /// <summary>The collector chart's settings besides its configuration (ports, replicas, budget, resources), beside each add-ons stage.</summary>
    public const string CollectorSettingsFile = "collector-settings.yaml";

    /// <summary>kube-prometheus-stack's settings besides Alertmanager's configuration (the scrapes the cluster supports), beside each add-ons stage.</summary>
    public const string PrometheusSettingsFile = "kube-prometheus-stack-settings.yaml";

    /// <summary>The Secret in the monitoring namespace holding the alert receivers' credentials; the operator creates it, kube-prometheus-stack mounts it in Alertmanager.</summary>
    public const string ReceiversSecretName = "ainow-alertmanager-receivers";

    /// <summary>Where the Prometheus operator mounts a Secret listed in the Alertmanager's <c>secrets</c>.</summary>
    public const string ReceiversMountDirectory = "/etc/alertmanager/secrets/" + ReceiversSecretName;

    /// <summary>Days X-Ray and Cloud Trace keep traces: fixed by each service, not a setting.</summary>
    public const int ManagedTraceRetentionDays = 30;

    /// <summary>Days a backend keeps traces: the managed services their fixed period, Tempo the environment's <paramref name="configuredDays"/>.</summary>
    public static int TraceRetentionDays(TelemetryBackend backend, int configuredDays) =>
        backend == TelemetryBackend.LokiAndTempo ? configuredDays : ManagedTraceRetentionDays;
}
