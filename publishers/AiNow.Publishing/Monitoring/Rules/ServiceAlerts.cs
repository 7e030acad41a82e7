using AiNow.Contracts.Telemetry;
using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Monitoring.Alerting;
using static AiNow.Publishing.Monitoring.Rules.Promql;

namespace AiNow.Publishing.Monitoring.Rules;

/// <summary>Threshold alerts on the services' own work: errors, latency, batch work and the upstream LLM.</summary>
public static class ServiceAlerts
{
    /// <summary>The alerts of <paramref name="context"/>.</summary>
    public static IReadOnlyList<AlertRule> For(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var t = context.Thresholds;
        var upstream = AiNowMetrics.UpstreamDuration;
        var chat = AiNowMetrics.ChatCompletions;
        // Failures that are the upstream's or ours: its errors and rate limit, and a rejected upstream key.
        // Other 4xx answer a tenant's bad request (a prompt too long) and are the tenant's to fix;
        // not_configured is the intended 503 of an environment without an upstream, not a failure.
        var failedChat = Matches(AiNowMetrics.OutcomeTag, "5..|429|401|403|unreachable|timeout");
        var requests = SumRate(Select(StandardMetrics.HttpServerDuration, "_count"), "5m", TelemetryContract.ServiceLabel);
        return
        [
            new(
                "ServiceHighErrorRate",
                // A warning, not a page: the public API's burn-rate alerts page on what users feel, and
                // the floor keeps one failed request out of two at night from raising it at all.
                $"{Select(RecordingRules.ErrorRatio("5m"))} > {RuleContext.Number(t.ErrorRatio)} and {Select(RecordingRules.ErrorRatio("30m"))} > {RuleContext.Number(t.ErrorRatio)} and {requests} > {RuleContext.Number(ErrorRateFloorPerSecond)}",
                "5m", AlertSeverity.Warning, AlertTeams.Services,
                "{{ $labels.job }} answers {{ $value | humanizePercentage }} of requests with 5xx",
                $"More than {Percent(t.ErrorRatio)} of {{{{ $labels.job }}}}'s responses were server errors over the last 5 and 30 minutes, at more than {RuleContext.Number(ErrorRateFloorPerSecond)} requests per second.",
                new(
                    "A service fails a share of its requests above the environment's threshold, for long enough that it is not a blip.",
                    "Callers get 5xx responses; through the gateway, tenants see failed API calls.",
                    [
                        "kubectl -n $NAMESPACE get pods -l app.kubernetes.io/name=<job> -o wide",
                        "kubectl -n $NAMESPACE logs -l app.kubernetes.io/name=<job> --since=15m | grep '\"level\":\"Error\"'",
                        $"PromQL: sum by (http_route, {TelemetryContract.StatusLabel}) (rate({StandardMetrics.HttpServerDuration.Name}_count{{job=\"<job>\",{TelemetryContract.StatusLabel}=~\"5..\"}}[5m]))",
                        "kubectl argo rollouts -n $NAMESPACE get rollout <job>   # a release in progress?",
                    ],
                    [
                        "If a release started the errors, abort it: `kubectl argo rollouts -n $NAMESPACE abort <job>` (or roll back the Deployment).",
                        "If a dependency fails (store, inference, upstream), follow that alert's runbook.",
                        "Scale out if the errors are timeouts under load: raise the HPA's minimum.",
                    ])),
            new(
                "ServiceHighLatency",
                $"{Select(RecordingRules.P99("5m"))} > {RuleContext.Number(t.P99LatencySeconds)} and {Select(RecordingRules.P99("30m"))} > {RuleContext.Number(t.P99LatencySeconds)}",
                "15m", AlertSeverity.Warning, AlertTeams.Services,
                "{{ $labels.job }} p99 latency is {{ $value | humanizeDuration }}",
                $"The 99th percentile of {{{{ $labels.job }}}}'s request duration stayed above {RuleContext.Number(t.P99LatencySeconds)} s.",
                new(
                    "The slowest 1% of requests take longer than the environment's bound.",
                    "Tenants see slow responses; chat completions may reach their timeouts.",
                    [
                        $"PromQL: histogram_quantile(0.99, sum by (http_route, le) (rate({StandardMetrics.HttpServerDuration.Name}_bucket{{job=\"<job>\"}}[5m])))",
                        "kubectl -n $NAMESPACE top pods -l app.kubernetes.io/name=<job>",
                        "Open the service's dashboard (Grafana, folder AI-Now) and compare duration with saturation.",
                    ],
                    [
                        "If CPU is at its limit, scale out or raise the limit.",
                        "If one route is slow, follow its dependency (upstream LLM, PostgreSQL, Redis).",
                    ])),
            new(
                "BatchBacklogHigh",
                // Every worker replica reads and reports the same queue: the maximum is the queue, a sum would count it once per replica.
                $"max({Select(AiNowMetrics.BatchJobs, "", Eq("state", "queued"))}) > {t.BatchBacklog}",
                "15m", AlertSeverity.Warning, AlertTeams.Services,
                "{{ $value }} batch jobs are waiting",
                $"More than {t.BatchBacklog} batch jobs have been queued for 15 minutes.",
                new(
                    "Jobs arrive faster than the workers finish them.",
                    "Batch results arrive late; the queue table grows.",
                    [
                        "kubectl -n $NAMESPACE get deploy worker",
                        "kubectl -n $NAMESPACE logs deploy/worker --since=15m",
                        $"PromQL: max by (state) ({AiNowMetrics.BatchJobs.PrometheusName})",
                    ],
                    [
                        "Scale the worker: `kubectl -n $NAMESPACE scale deploy/worker --replicas=<n>` (or raise its HPA's maximum).",
                        "If jobs fail and retry, see BatchJobsFailing.",
                    ])),
            new(
                "BatchQueueStale",
                $"max({Select(AiNowMetrics.BatchOldestQueuedAge)}) > {t.BatchAgeSeconds}",
                "10m", AlertSeverity.Critical, AlertTeams.Services,
                "The oldest queued batch job has waited {{ $value | humanizeDuration }}",
                $"A batch job has waited more than {t.BatchAgeSeconds} s to be claimed.",
                new(
                    "No worker claims jobs, or too few do.",
                    "Tenants' batch jobs do not progress.",
                    [
                        "kubectl -n $NAMESPACE get pods -l app.kubernetes.io/name=worker",
                        "kubectl -n $NAMESPACE logs deploy/worker --since=30m",
                        $"PromQL: {AiNowMetrics.BatchOldestQueuedAge.PrometheusName}",
                    ],
                    [
                        "Restart a stuck worker: `kubectl -n $NAMESPACE rollout restart deploy/worker`.",
                        "Check PostgreSQL (StoreConnectionErrors) and inference (ServiceHighErrorRate for job inference).",
                    ])),
            new(
                "BatchJobsFailing",
                // A job failing for good is rare and final: one in the last hour is worth a look, so the
                // alert fires on the first (a rate held for 15 minutes missed isolated failures).
                $"sum(increase({Select(AiNowMetrics.BatchJobsFailed, "", Eq(AiNowMetrics.OutcomeTag, "failed"))}[1h])) > 0",
                "0m", AlertSeverity.Warning, AlertTeams.Services,
                "{{ $value | humanize }} batch jobs failed for good in the last hour",
                "Batch jobs exhausted their retries within the last hour.",
                new(
                    "Jobs fail after every retry.",
                    "Tenants get failed batch jobs.",
                    [
                        "kubectl -n $NAMESPACE logs deploy/worker --since=30m | grep -i fail",
                        $"PromQL: sum by ({AiNowMetrics.OutcomeTag}) (rate({AiNowMetrics.BatchJobsFailed.PrometheusName}[15m]))",
                    ],
                    ["Find the common cause in the worker's logs (inference down, bad input) and fix it; failed jobs can be resubmitted by the tenant."])),
            new(
                "UpstreamLlmErrors",
                $"sum(rate({Select(chat, "", failedChat)}[10m])) / sum(rate({Select(chat)}[10m])) > {RuleContext.Number(t.UpstreamErrorRatio)}",
                "10m", AlertSeverity.Warning, AlertTeams.Services,
                "{{ $value | humanizePercentage }} of chat completions fail upstream",
                $"More than {Percent(t.UpstreamErrorRatio)} of chat completions got a server error, a rate limit, a rejected key, a timeout or no connection from the upstream LLM (tenants' own bad requests do not count).",
                new(
                    "The configured OpenAI-compatible upstream fails requests.",
                    "Chat completions fail for tenants; embeddings are unaffected.",
                    [
                        $"PromQL: sum by ({AiNowMetrics.OutcomeTag}) (rate({chat.PrometheusName}[10m]))",
                        "kubectl -n $NAMESPACE logs deploy/inference --since=15m | grep -i upstream",
                        "Check the upstream provider's status page.",
                    ],
                    [
                        "401/403: rotate the upstream API key in the secret store; the ExternalSecret refreshes it.",
                        "429: the provider's rate limit; lower tenants' limits or raise the provider's quota.",
                        "5xx, timeouts, unreachable: the provider is down; wait or switch the upstream address.",
                    ])),
            new(
                "UpstreamLlmSlow",
                $"{Quantile(0.99, Select(upstream, "_bucket"), "10m")} > {RuleContext.Number(t.UpstreamP99Seconds)}",
                "15m", AlertSeverity.Warning, AlertTeams.Services,
                "Upstream LLM p99 latency is {{ $value | humanizeDuration }}",
                $"The upstream LLM's 99th percentile time to answer stayed above {RuleContext.Number(t.UpstreamP99Seconds)} s.",
                new(
                    "The upstream LLM answers slowly.",
                    "Chat completions are slow and may time out.",
                    [$"PromQL: histogram_quantile(0.99, sum by (le, {AiNowMetrics.OutcomeTag}) (rate({upstream.PrometheusName}_bucket[10m])))"],
                    ["Check the provider's status; nothing in the cluster makes the provider faster."])),
            new(
                "EmbeddingCacheHitRatioLow",
                $"{Select(RecordingRules.CacheHitRatio)} < 0.1",
                "1h", AlertSeverity.Info, AlertTeams.Services,
                "Only {{ $value | humanizePercentage }} of embedding requests hit the cache",
                "The embedding cache answered fewer than 10% of requests for an hour.",
                new(
                    "Most embedding requests go to inference.",
                    "More inference load and latency; no failure.",
                    [$"PromQL: {RecordingRules.CacheHitRatio.Name}", "kubectl -n $NAMESPACE logs deploy/api --since=1h | grep -i redis"],
                    ["If Redis is unreachable, see HealthCheckFailing; otherwise traffic is simply new texts."])),
        ];
    }

    /// <summary>Requests per second below which a service's error ratio raises nothing: too few requests for a ratio to mean anything.</summary>
    public const double ErrorRateFloorPerSecond = 0.1;

    private static string Percent(double ratio) => $"{RuleContext.Number(ratio * 100)}%";
}
