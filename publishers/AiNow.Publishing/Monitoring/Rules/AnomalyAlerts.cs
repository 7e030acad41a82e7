using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Monitoring.Alerting;
using static AiNow.Publishing.Monitoring.Rules.Promql;

namespace AiNow.Publishing.Monitoring.Rules;

/// <summary>
/// Alerts on deviation from normal rather than on fixed numbers: the public request rate against the
/// same hour a week earlier, and denied authentications as a z-score over the last day.
/// </summary>
public static class AnomalyAlerts
{
    /// <summary>Requests per second a week earlier below which the comparison is too noisy to alert on.</summary>
    public const double MinimumWeekAgoRate = 0.5;

    /// <summary>Standard deviations above the day's mean that alert.</summary>
    public const double ZScoreLimit = 3;

    /// <summary>Denied authentications per second below which a spike is not worth a look.</summary>
    public const double MinimumDeniedRate = 0.2;

    /// <summary>The anomaly alerts of <paramref name="context"/>.</summary>
    public static IReadOnlyList<AlertRule> For(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var requests = Select(StandardMetrics.HttpServerDuration, "_count", Eq(TelemetryContract.ServiceLabel, context.PublicService));
        var now = $"sum(rate({requests}[1h]))";
        var weekAgo = $"sum(rate({requests}[1h] offset 1w))";
        var denied = Select(RecordingRules.DeniedAuthentications);
        return
        [
            new(
                "PublicRequestRateAnomaly",
                $"({now} / {weekAgo} < 0.5 or {now} / {weekAgo} > 2) and {weekAgo} > {RuleContext.Number(MinimumWeekAgoRate)}",
                "30m", AlertSeverity.Warning, AlertTeams.Services,
                "Public request rate is {{ $value | humanize }}x the same hour last week",
                "The public API's request rate over the last hour is under half or over twice the same hour a week earlier.",
                new(
                    "Traffic departs from its weekly pattern: a drop (clients cannot reach us, DNS, a tenant's outage) or a surge (a new integration, abuse).",
                    "A drop can hide an outage that returns no errors; a surge heads for saturation and rate limits.",
                    [
                        $"PromQL: {now}",
                        $"PromQL: {weekAgo}",
                        $"PromQL: topk(10, sum by (tenant) (rate({AiNow.Contracts.Telemetry.AiNowMetrics.UsageRequests.PrometheusName}[1h])))",
                        "dig +short <public host>; curl -sI https://<public host>/health",
                    ],
                    [
                        "Drop: check DNS, the load balancer and the edge (WAF) for blocked traffic.",
                        "Surge: check per-tenant rate limits and the HPAs' headroom.",
                    ])),
            new(
                "AuthenticationFailureSpike",
                $"({denied} - avg_over_time({denied}[1d])) / stddev_over_time({denied}[1d]) > {RuleContext.Number(ZScoreLimit)} and {denied} > {RuleContext.Number(MinimumDeniedRate)}",
                "10m", AlertSeverity.Warning, AlertTeams.Platform,
                "Denied authentications are {{ $value | humanize }} standard deviations above the day's mean",
                "The rate of failed API-key authentications (audit events) is far above its rolling one-day mean.",
                new(
                    "Many requests with bad or revoked API keys: a credential-stuffing attempt, or a client still using a revoked key.",
                    "Load on the gateway and the key store; possibly an attack.",
                    [
                        $"PromQL: {RecordingRules.DeniedAuthentications.Name}",
                        "Search the audit log destination for action=authentication, outcome=denied, grouped by source address.",
                    ],
                    [
                        "One source address: block it at the edge (WAF rule).",
                        "One tenant's revoked key: contact the tenant.",
                    ])),
        ];
    }
}
