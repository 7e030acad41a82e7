using AiNow.Contracts.Telemetry;
using AiNow.Publishing.Kubernetes;
using static AiNow.Publishing.Monitoring.Rules.Promql;

namespace AiNow.Publishing.Monitoring.Rules;

/// <summary>
/// The recorded series alerts and dashboards read: per-service error ratio, slow-request ratio and p99
/// over the windows the burn-rate alerts need, the embedding cache hit ratio and active tenants.
/// </summary>
public static class RecordingRules
{
    /// <summary>The windows ratios are recorded over: the short and long windows of the two burn-rate pairs.</summary>
    public static IReadOnlyList<string> Windows { get; } = ["5m", "30m", "1h", "6h"];

    private static readonly string Job = TelemetryContract.ServiceLabel;

    /// <summary>Share of 5xx responses per service over <paramref name="window"/>.</summary>
    public static RecordedSeries ErrorRatio(string window) => new($"job:http_server_request_errors:ratio_rate{window}");

    /// <summary>Share of requests slower than the latency objective's bound per service over <paramref name="window"/>.</summary>
    public static RecordedSeries SlowRatio(string window) => new($"job:http_server_request_slow:ratio_rate{window}");

    /// <summary>p99 request duration per service over <paramref name="window"/>.</summary>
    public static RecordedSeries P99(string window) => new($"job:http_server_request_duration_seconds:p99_rate{window}");

    /// <summary>Requests per second per service over an hour (the anomaly alert's base).</summary>
    public static RecordedSeries RequestRate { get; } = new("job:http_server_requests:rate1h");

    /// <summary>Share of embedding requests answered from the cache.</summary>
    public static RecordedSeries CacheHitRatio { get; } = new("ainow:embeddings_cache_hit:ratio_rate5m");

    /// <summary>Tenants that made a request in the last hour.</summary>
    public static RecordedSeries ActiveTenants { get; } = new("ainow:active_tenants:count1h");

    /// <summary>Denied authentications per second (the z-score alert's input).</summary>
    public static RecordedSeries DeniedAuthentications { get; } = new("ainow:audit_authentication_denied:rate5m");

    /// <summary>The audit action of an authentication, as the gateway's audit trail writes it.</summary>
    public const string AuthenticationAction = "authentication";

    /// <summary>The audit outcome of a refused request.</summary>
    public const string DeniedOutcome = "denied";

    /// <summary>The recording rules of <paramref name="context"/>.</summary>
    public static IReadOnlyList<RecordingRule> For(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var requests = StandardMetrics.HttpServerDuration;
        var bound = BucketBound(context.Thresholds.LatencyThresholdSeconds);
        var rules = new List<RecordingRule>();
        foreach (var window in Windows)
        {
            var all = SumRate(Select(requests, "_count"), window, Job);
            rules.Add(new(ErrorRatio(window), $"{SumRate(Select(requests, "_count", Matches(TelemetryContract.StatusLabel, "5..")), window, Job)} / {all}"));
            rules.Add(new(SlowRatio(window), $"1 - {SumRate(Select(requests, "_bucket", bound), window, Job)} / {all}"));
            rules.Add(new(P99(window), Quantile(0.99, Select(requests, "_bucket"), window, Job)));
        }

        rules.Add(new(RequestRate, SumRate(Select(requests, "_count"), "1h", Job)));
        var hits = SumRate(Select(AiNowMetrics.EmbeddingCacheHits), "5m");
        rules.Add(new(CacheHitRatio, $"{hits} / ({hits} + {SumRate(Select(AiNowMetrics.EmbeddingCacheMisses), "5m")})"));
        // count() of nothing is no data, not 0: an idle hour would read as a gap in the dashboard.
        rules.Add(new(ActiveTenants, $"count(sum by ({AiNowMetrics.TenantTag}) (increase({Select(AiNowMetrics.UsageRequests)}[1h])) > 0) or vector(0)"));
        rules.Add(new(DeniedAuthentications, SumRate(Select(AiNowMetrics.AuditEvents, "", Eq("action", AuthenticationAction), Eq(AiNowMetrics.OutcomeTag, DeniedOutcome)), "5m")));
        return rules;
    }

    /// <summary>
    /// A matcher of the histogram bucket bounded by <paramref name="seconds"/>. Prometheus 3 writes a
    /// whole bound as <c>10.0</c> where older versions and the exporter write <c>10</c>; both match.
    /// </summary>
    public static string BucketBound(double seconds) => seconds == Math.Floor(seconds)
        ? Matches("le", $"{RuleContext.Number(seconds)}|{RuleContext.Number(seconds)}\\\\.0")
        : Eq("le", RuleContext.Number(seconds));
}
