using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Monitoring.Alerting;
using static AiNow.Publishing.Monitoring.Rules.Promql;

namespace AiNow.Publishing.Monitoring.Rules;

/// <summary>
/// Alerts on the collector's own metrics: logs and traces that do not reach their backend, and sending
/// queues about to refuse data. Without them a broken exporter (a revoked cloud role, a full Loki
/// volume) loses the audit trail and traces silently: metrics still flow, so nothing else fires.
/// </summary>
public static class CollectorAlerts
{
    /// <summary>The share of an exporter's queue that warns: beyond it a little more backlog refuses data.</summary>
    public const double QueueNearlyFull = 0.8;

    /// <summary>The alerts of <paramref name="context"/>.</summary>
    public static IReadOnlyList<AlertRule> For(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var collector = Eq("namespace", TelemetryDestinations.MonitoringNamespace);
        string[] byExporter = ["exporter"];
        var checks = new[]
        {
            $"kubectl -n {TelemetryDestinations.MonitoringNamespace} logs deploy/{context.CollectorService} --since=15m | grep -i error",
            $"PromQL: sum by (exporter) (rate({StandardMetrics.CollectorFailedLogRecords.Name}[5m])), and the same for {StandardMetrics.CollectorFailedSpans.Name}",
        };
        var fixes = new[]
        {
            "Cloud backends: check the collector's cloud identity (its service account's role binding) and the destination named in `collector.yaml` exists (the infrastructure stage creates it).",
            "Loki and Tempo: check their pods and volumes in the monitoring namespace.",
        };
        return
        [
            new(
                "CollectorLogsNotExported",
                $"{SumRate(Select(StandardMetrics.CollectorFailedLogRecords, "", collector), "5m", byExporter)} > 0",
                "5m", AlertSeverity.Warning, AlertTeams.Platform,
                "The collector's {{ $labels.exporter }} exporter is dropping log records",
                "Log records have failed to reach their backend for 5 minutes after the exporter's retries: they are lost (an audit exporter loses audit events).",
                new("An exporter of logs cannot write to its backend.", "Application logs or audit events are missing from their destination.", checks, fixes)),
            new(
                "CollectorTracesNotExported",
                $"{SumRate(Select(StandardMetrics.CollectorFailedSpans, "", collector), "5m", byExporter)} > 0",
                "5m", AlertSeverity.Warning, AlertTeams.Platform,
                "The collector's {{ $labels.exporter }} exporter is dropping spans",
                "Spans have failed to reach the tracing backend for 5 minutes after the exporter's retries: they are lost.",
                new("The traces exporter cannot write to its backend.", "Traces are missing; requests cannot be followed across services.", checks, fixes)),
            new(
                "CollectorExportQueueNearlyFull",
                $"max by (exporter) ({Select(StandardMetrics.CollectorQueueSize, "", collector)} / {Select(StandardMetrics.CollectorQueueCapacity, "", collector)}) > {RuleContext.Number(QueueNearlyFull)}",
                "10m", AlertSeverity.Warning, AlertTeams.Platform,
                "The collector's {{ $labels.exporter }} queue is {{ $value | humanizePercentage }} full",
                $"An exporter's sending queue has been more than {RuleContext.Number(QueueNearlyFull * 100)}% full for 10 minutes: its backend is slow or refusing, and a full queue drops new data.",
                new("An exporter sends slower than data arrives, or keeps retrying.", "Telemetry is delayed now and lost once the queue is full.", checks, [.. fixes, "If the backend is healthy but slow, add collector replicas (the chart's replicaCount)."])),
        ];
    }
}
