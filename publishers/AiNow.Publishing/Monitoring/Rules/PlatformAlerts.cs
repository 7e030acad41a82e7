using AiNow.Contracts.Telemetry;
using AiNow.Publishing.Monitoring.Alerting;
using static AiNow.Publishing.Monitoring.Rules.Promql;

namespace AiNow.Publishing.Monitoring.Rules;

/// <summary>Threshold alerts on what the services run on: containers, certificates, stores, the cluster and the telemetry pipeline.</summary>
public static class PlatformAlerts
{
    /// <summary>Days before expiry that warn, and that are critical (cert-manager renews 30 days ahead, so either means renewal is failing).</summary>
    public const int CertificateWarningDays = 14;

    /// <summary>Days before expiry that are critical.</summary>
    public const int CertificateCriticalDays = 3;

    /// <summary>The alerts of <paramref name="context"/>.</summary>
    public static IReadOnlyList<AlertRule> For(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var t = context.Thresholds;
        var ns = Eq("namespace", context.Namespace);
        var realContainer = NotEq("container", "");
        string[] pod = ["namespace", "pod", "container"];
        var cpu = $"{SumRate(Select(StandardMetrics.ContainerCpu, "", ns, realContainer), "5m", pod)} / {Sum(pod)} ({Select(StandardMetrics.ContainerLimits, "", ns, Eq("resource", "cpu"))})";
        var memory = $"{Sum(pod)} ({Select(StandardMetrics.ContainerMemory, "", ns, realContainer)}) / {Sum(pod)} ({Select(StandardMetrics.ContainerLimits, "", ns, Eq("resource", "memory"))})";
        var expiry = $"({Select(StandardMetrics.CertificateExpiry)} - time()) / 86400";
        var certificateRunbook = new Runbook(
            "A TLS certificate cert-manager manages is close to expiry: renewal (30 days ahead) has been failing.",
            "When it expires, clients refuse the public API's TLS.",
            [
                "kubectl get certificates -A",
                "kubectl describe certificate -n $NAMESPACE <name>",
                "kubectl get certificaterequests,orders,challenges -A",
                "kubectl logs -n cert-manager deploy/cert-manager --since=1h",
            ],
            [
                "Fix what the failing Challenge reports (DNS-01: the issuer's DNS credentials and zone).",
                "Force a renewal: `kubectl cert-manager renew -n $NAMESPACE <name>` (or delete the Certificate's Secret).",
            ]);
        IReadOnlyList<AlertRule> certificates = context.WatchesCertificates ?
        [
            new(
                "CertificateExpiring",
                $"{expiry} < {CertificateWarningDays}",
                "1h", AlertSeverity.Warning, AlertTeams.Platform,
                "Certificate {{ $labels.name }} expires in {{ $value | humanize }} days",
                $"A certificate expires within {CertificateWarningDays} days.",
                certificateRunbook),
            new(
                "CertificateExpiring",
                $"{expiry} < {CertificateCriticalDays}",
                "10m", AlertSeverity.Critical, AlertTeams.Platform,
                "Certificate {{ $labels.name }} expires in {{ $value | humanize }} days",
                $"A certificate expires within {CertificateCriticalDays} days.",
                certificateRunbook),
            new(
                "CertificateMetricsMissing",
                $"absent({Select(StandardMetrics.CertificateExpiry)})",
                "30m", AlertSeverity.Warning, AlertTeams.Platform,
                "Prometheus has no certificate expiry from cert-manager",
                "cert-manager runs on this target but no certificate expiry has been scraped for 30 minutes: the expiry alerts cannot fire.",
                new(
                    "Prometheus does not scrape cert-manager's metrics (its ServiceMonitor is off, its selector label is wrong, or cert-manager is down), or no Certificate exists.",
                    "A certificate could expire without warning.",
                    [
                        "kubectl -n cert-manager get pods,servicemonitors",
                        "kubectl get certificates -A",
                        $"PromQL: {StandardMetrics.CertificateExpiry.Name}",
                    ],
                    ["Install cert-manager with its ServiceMonitor enabled and labelled for this Prometheus (the add-ons stage's settings), and check the gateway's Certificate exists."])),
        ] : [];
        return
        [
            new(
                "ContainerCpuSaturated",
                $"{cpu} > {RuleContext.Number(t.Saturation)}",
                "15m", AlertSeverity.Warning, AlertTeams.Platform,
                "{{ $labels.pod }}/{{ $labels.container }} uses {{ $value | humanizePercentage }} of its CPU limit",
                $"A container used more than {RuleContext.Number(t.Saturation * 100)}% of its CPU limit for 15 minutes; it is being throttled.",
                new(
                    "A container runs at its CPU limit.",
                    "Throttling adds latency to every request it serves.",
                    ["kubectl -n $NAMESPACE top pods --containers", "kubectl -n $NAMESPACE get hpa"],
                    ["Let the HPA scale out (check its maximum), or raise the workload's CPU limit in the deployment settings."])),
            new(
                "ContainerMemorySaturated",
                $"{memory} > {RuleContext.Number(t.Saturation)}",
                "10m", AlertSeverity.Warning, AlertTeams.Platform,
                "{{ $labels.pod }}/{{ $labels.container }} uses {{ $value | humanizePercentage }} of its memory limit",
                $"A container's working set stayed above {RuleContext.Number(t.Saturation * 100)}% of its memory limit.",
                new(
                    "A container is close to being killed for memory (OOMKilled).",
                    "An OOM kill drops its in-flight requests and restarts it.",
                    ["kubectl -n $NAMESPACE top pods --containers", "kubectl -n $NAMESPACE describe pod <pod> | grep -A3 'Last State'"],
                    ["Raise the workload's memory limit in the deployment settings, or find the leak in its dashboard's memory trend."])),
            new(
                "ContainerRestarting",
                $"increase({Select(StandardMetrics.ContainerRestarts, "", ns)}[1h]) > {t.RestartsPerHour}",
                "5m", AlertSeverity.Warning, AlertTeams.Platform,
                "{{ $labels.pod }}/{{ $labels.container }} restarted {{ $value }} times in an hour",
                $"A container restarted more than {t.RestartsPerHour} times in the last hour.",
                new(
                    "A container crashes or fails its liveness probe repeatedly.",
                    "Its requests fail while it restarts; a crash loop takes it out of service.",
                    ["kubectl -n $NAMESPACE get pods", "kubectl -n $NAMESPACE logs <pod> -c <container> --previous", "kubectl -n $NAMESPACE describe pod <pod>"],
                    ["Fix the cause shown by the previous container's log (configuration, a missing secret, OOM); roll back a release that started it."])),
            new(
                "StoreConnectionErrors",
                // Critical only when no connection can be had: a failed command (a constraint, a
                // cancelled query) is the caller's error, which StoreOperationsFailing reports.
                $"{SumRate(Select(StandardMetrics.NpgsqlConnectionTimeouts), "5m", "job")} > 0",
                "5m", AlertSeverity.Critical, AlertTeams.Platform,
                "{{ $labels.job }} cannot get a PostgreSQL connection",
                "A service's PostgreSQL pool has been timing out opening connections for 5 minutes.",
                new(
                    "PostgreSQL is unreachable, refusing connections, or the pool is exhausted.",
                    "Requests that need the database fail (API keys not yet cached, usage, batch jobs).",
                    [
                        $"PromQL: sum by (job, db_client_connection_state) ({StandardMetrics.NpgsqlConnections.Name})",
                        "kubectl -n $NAMESPACE logs deploy/api --since=15m | grep -i npgsql",
                        "In-cluster: kubectl -n $NAMESPACE get pods -l app.kubernetes.io/name=postgres; managed: the cloud console's database health.",
                    ],
                    [
                        "Restore the database (restart the in-cluster pod, fail over the managed instance).",
                        "If the pool is exhausted (all connections used), find the slow queries in traces and scale the database.",
                    ])),
            new(
                "StoreOperationsFailing",
                $"{SumRate(Select(StandardMetrics.NpgsqlFailedOperations), "5m", "job")} > 1",
                "10m", AlertSeverity.Warning, AlertTeams.Platform,
                "{{ $labels.job }}'s PostgreSQL commands fail at {{ $value | humanize }} per second",
                "A service's PostgreSQL commands have failed at more than one per second for 10 minutes (connections are fine, or StoreConnectionErrors would fire).",
                new(
                    "Commands reach PostgreSQL and fail: constraint violations, cancelled or timed-out queries, a schema the code does not expect.",
                    "The requests behind those commands fail.",
                    [
                        $"PromQL: sum by (job) (rate({StandardMetrics.NpgsqlFailedOperations.Name}[5m]))",
                        "kubectl -n $NAMESPACE logs deploy/<job> --since=15m | grep -i npgsql",
                    ],
                    ["Fix what the errors name: a migration not applied after a release, a slow query to index, a bug writing bad rows (roll back the release)."])),
            new(
                "HealthCheckFailing",
                $"min by (job, check) ({Select(AiNowMetrics.HealthStatus)}) < 1",
                "10m", AlertSeverity.Warning, AlertTeams.Platform,
                "{{ $labels.job }}'s health check {{ $labels.check }} reports {{ $value }}",
                "A health check has been degraded (0.5) or unhealthy (0) for 10 minutes, including checks readiness leaves out (an optional Redis).",
                new(
                    "A dependency of the service (PostgreSQL, Redis, the embedding model) fails its check.",
                    "Depends on the check: a failed readiness check takes pods out of service; a degraded optional one costs performance.",
                    [
                        $"PromQL: {AiNowMetrics.HealthStatus.PrometheusName} < 1",
                        "kubectl -n $NAMESPACE port-forward deploy/<job> 8080 & curl -s localhost:8080/health",
                    ],
                    ["Restore the dependency the check names."])),
            new(
                "TelemetryPipelineDown",
                $"absent({Select(StandardMetrics.Up, "", Eq("namespace", Model.Clouds.TelemetryDestinations.MonitoringNamespace), Eq("service", context.CollectorService))} == 1)",
                "5m", AlertSeverity.Critical, AlertTeams.Platform,
                "Prometheus cannot scrape the OpenTelemetry Collector",
                "No collector endpoint has been scraped for 5 minutes: the services' metrics, and so most alerts and the rollout analysis, are blind.",
                new(
                    "The collector is down or its metrics port is unreachable.",
                    "No service metrics: alerts cannot fire and rollout analyses fail (no data fails).",
                    [
                        $"kubectl -n {Model.Clouds.TelemetryDestinations.MonitoringNamespace} get pods -l app.kubernetes.io/name={Model.TelemetryPlan.CollectorPodName}",
                        $"kubectl -n {Model.Clouds.TelemetryDestinations.MonitoringNamespace} logs deploy/{context.CollectorService} --since=15m",
                    ],
                    ["Fix the collector (its configuration is `collector.yaml` beside this environment's kustomization; reapply the add-ons stage)."])),
            new(
                AlertmanagerConfig.ClusterOutageAlert,
                $"sum({Select(StandardMetrics.NodeCondition, "", Eq("condition", "Ready"), Eq("status", "true"))}) / count({Select(StandardMetrics.NodeInfo)}) < 0.5",
                "5m", AlertSeverity.Critical, AlertTeams.Platform,
                "Fewer than half of the cluster's nodes are Ready",
                "The cluster has lost most of its nodes; every other alert is muted while this fires.",
                new(
                    "A cluster-wide outage: nodes are NotReady (a zone or the control plane is down).",
                    "Everything in the cluster is degraded or down.",
                    ["kubectl get nodes", "kubectl get events -A --field-selector type=Warning | tail -50", "The cloud provider's status page for the region."],
                    ["Follow the cloud's incident guidance; serve from the environment's other targets through the global DNS while this one is down."])),
            .. certificates,
        ];
    }
}
