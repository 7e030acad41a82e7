using System.Collections.Immutable;
using AiNow.Publishing.Kubernetes;

namespace AiNow.Publishing.Monitoring.Rules;

/// <summary>A metric the AI-Now catalog does not define: its series, labels and where it comes from.</summary>
/// <param name="Name">The metric's Prometheus name (a histogram's base name).</param>
/// <param name="Series">Every series name it has in Prometheus.</param>
/// <param name="Labels">The labels expressions may use.</param>
/// <param name="Source">Who exports it and how it reaches Prometheus.</param>
public sealed record StandardMetric(string Name, ImmutableArray<string> Series, ImmutableArray<string> Labels, string Source);

/// <summary>
/// The standard metrics alerts and dashboards use besides the AI-Now catalog (AiNow.Contracts'
/// <c>AiNowMetrics</c>): the explicit list the expression tests check every name against.
/// </summary>
public static class StandardMetrics
{
    private const string ViaCollector = "exported by every service over OTLP, written to Prometheus by the collector (job = service.name)";

    /// <summary>Labels every series written by the collector carries: <c>job</c> (service.name), <c>instance</c> (service.instance.id) and the resource attributes the collector promotes.</summary>
    public static ImmutableArray<string> CollectorLabels { get; } = [TelemetryContract.ServiceLabel, "instance", TelemetryContract.PodTemplateHashLabel];

    /// <summary>ASP.NET Core's <c>http.server.request.duration</c> (meter Microsoft.AspNetCore.Hosting); probe routes are not recorded.</summary>
    public static StandardMetric HttpServerDuration { get; } = Histogram(
        TelemetryContract.RequestDurationMetric,
        ["http_request_method", TelemetryContract.StatusLabel, "http_route", "url_scheme", "network_protocol_name", "network_protocol_version", "error_type"],
        "ASP.NET Core hosting metrics, " + ViaCollector);

    /// <summary>Npgsql's pool timeouts (meter Npgsql, <c>db.client.connection.npgsql.timeouts</c>, Npgsql 10).</summary>
    public static StandardMetric NpgsqlConnectionTimeouts { get; } = Single(
        "db_client_connection_npgsql_timeouts_total", ["db_client_connection_pool_name"], "Npgsql 10 metrics (AddNpgsqlInstrumentation), " + ViaCollector);

    /// <summary>Npgsql's failed commands (<c>db.client.operation.failed</c>, Npgsql 10).</summary>
    public static StandardMetric NpgsqlFailedOperations { get; } = Single(
        "db_client_operation_failed_total", ["db_client_connection_pool_name"], "Npgsql 10 metrics (AddNpgsqlInstrumentation), " + ViaCollector);

    /// <summary>Npgsql's pool connections by state (<c>db.client.connection.count</c>, Npgsql 10, an up-down counter).</summary>
    public static StandardMetric NpgsqlConnections { get; } = Single(
        "db_client_connection_count", ["db_client_connection_pool_name", "db_client_connection_state"], "Npgsql 10 metrics (AddNpgsqlInstrumentation), " + ViaCollector);

    /// <summary>Npgsql's pool size limit (<c>db.client.connection.max</c>, Npgsql 10).</summary>
    public static StandardMetric NpgsqlConnectionsMax { get; } = Single(
        "db_client_connection_max", ["db_client_connection_pool_name"], "Npgsql 10 metrics (AddNpgsqlInstrumentation), " + ViaCollector);

    /// <summary>Containers' CPU use (cAdvisor in the kubelet).</summary>
    public static StandardMetric ContainerCpu { get; } = Cluster("container_cpu_usage_seconds_total", ["namespace", "pod", "container"], "cAdvisor (kubelet), scraped by kube-prometheus-stack");

    /// <summary>Containers' working-set memory, which the OOM killer judges (cAdvisor).</summary>
    public static StandardMetric ContainerMemory { get; } = Cluster("container_memory_working_set_bytes", ["namespace", "pod", "container"], "cAdvisor (kubelet), scraped by kube-prometheus-stack");

    /// <summary>Containers' limits by resource (kube-state-metrics).</summary>
    public static StandardMetric ContainerLimits { get; } = Cluster("kube_pod_container_resource_limits", ["namespace", "pod", "container", "resource", "unit"], "kube-state-metrics (kube-prometheus-stack)");

    /// <summary>Container restarts (kube-state-metrics).</summary>
    public static StandardMetric ContainerRestarts { get; } = Cluster("kube_pod_container_status_restarts_total", ["namespace", "pod", "container"], "kube-state-metrics (kube-prometheus-stack)");

    /// <summary>Node conditions (kube-state-metrics).</summary>
    public static StandardMetric NodeCondition { get; } = Cluster("kube_node_status_condition", ["node", "condition", "status"], "kube-state-metrics (kube-prometheus-stack)");

    /// <summary>One series per node (kube-state-metrics).</summary>
    public static StandardMetric NodeInfo { get; } = Cluster("kube_node_info", ["node"], "kube-state-metrics (kube-prometheus-stack)");

    /// <summary>When each cert-manager Certificate expires.</summary>
    public static StandardMetric CertificateExpiry { get; } = Cluster("certmanager_certificate_expiration_timestamp_seconds", ["name", "exported_namespace", "issuer_name"], "cert-manager's controller (its chart's prometheus.servicemonitor.enabled)");

    /// <summary>Prometheus' scrape health of each target.</summary>
    public static StandardMetric Up { get; } = Cluster("up", [TelemetryContract.ServiceLabel, "namespace", "service"], "Prometheus itself, per scrape target");

    /// <summary>Log records an exporter failed to send (after its retries): they are lost.</summary>
    public static StandardMetric CollectorFailedLogRecords { get; } = CollectorOwn("otelcol_exporter_send_failed_log_records_total", ["exporter"]);

    /// <summary>Spans an exporter failed to send (after its retries): they are lost.</summary>
    public static StandardMetric CollectorFailedSpans { get; } = CollectorOwn("otelcol_exporter_send_failed_spans_total", ["exporter"]);

    /// <summary>Batches waiting in an exporter's sending queue.</summary>
    public static StandardMetric CollectorQueueSize { get; } = CollectorOwn("otelcol_exporter_queue_size", ["exporter", "data_type"]);

    /// <summary>How many batches an exporter's sending queue holds; beyond it new data is refused.</summary>
    public static StandardMetric CollectorQueueCapacity { get; } = CollectorOwn("otelcol_exporter_queue_capacity", ["exporter", "data_type"]);

    /// <summary>Every standard metric, for the expression tests and the README.</summary>
    public static ImmutableArray<StandardMetric> All { get; } =
    [
        HttpServerDuration, NpgsqlConnectionTimeouts, NpgsqlFailedOperations, NpgsqlConnections, NpgsqlConnectionsMax,
        ContainerCpu, ContainerMemory, ContainerLimits, ContainerRestarts, NodeCondition, NodeInfo, CertificateExpiry, Up,
        CollectorFailedLogRecords, CollectorFailedSpans, CollectorQueueSize, CollectorQueueCapacity,
    ];

    private static StandardMetric Histogram(string name, ImmutableArray<string> labels, string source) =>
        new(name, [name + "_bucket", name + "_sum", name + "_count"], [.. labels, .. CollectorLabels, "le"], source);

    private static StandardMetric Single(string name, ImmutableArray<string> labels, string source) =>
        new(name, [name], [.. labels, .. CollectorLabels], source);

    /// <summary>
    /// The collector's own metric (core exporter/exporterhelper/metadata.yaml at v0.128.0) as its
    /// Prometheus pull reader writes it: counters end in <c>_total</c>, brace units (<c>{records}</c>)
    /// add no suffix; scraped through the ServiceMonitor's second endpoint (job = the collector's Service).
    /// </summary>
    private static StandardMetric CollectorOwn(string name, ImmutableArray<string> labels) =>
        new(name, [name], [.. labels, "job", "instance", "namespace", "pod", "service"], "the OpenTelemetry Collector 0.128's own telemetry (service.telemetry.metrics, pull reader on its metrics port), scraped by the collector's ServiceMonitor");

    private static StandardMetric Cluster(string name, ImmutableArray<string> labels, string source) =>
        new(name, [name], [.. labels, "job", "instance"], source);
}
