using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Monitoring.Alerting;
using static AiNow.Publishing.Monitoring.Rules.Promql;

namespace AiNow.Publishing.Monitoring.Rules;

/// <summary>
/// The public API's SLOs (availability and latency, over 30 days) with multi-window, multi-burn-rate
/// alerts as the SRE workbook sets them: a page when the last hour and the last 5 minutes both burn the
/// budget 14.4 times too fast (2% of it in an hour), a ticket when the last 6 hours and the last 30
/// minutes burn it 6 times too fast (5% in 6 hours). The short window makes the alert stop soon after
/// the burning stops.
/// </summary>
public static class SloAlerts
{
    /// <summary>A burn-rate alert's windows and factor.</summary>
    /// <param name="LongWindow">The window that shows the budget really burns.</param>
    /// <param name="ShortWindow">The window that shows it still burns.</param>
    /// <param name="Factor">How many times faster than sustainable.</param>
    /// <param name="Severity">Page (critical) or ticket (warning).</param>
    /// <param name="For">How long both must hold.</param>
    public sealed record BurnRate(string LongWindow, string ShortWindow, double Factor, AlertSeverity Severity, string For);

    /// <summary>The page and the ticket.</summary>
    public static IReadOnlyList<BurnRate> BurnRates { get; } =
    [
        new("1h", "5m", 14.4, AlertSeverity.Critical, "2m"),
        new("6h", "30m", 6, AlertSeverity.Warning, "15m"),
    ];

    /// <summary>The SLO alerts of <paramref name="context"/>.</summary>
    public static IReadOnlyList<AlertRule> For(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var t = context.Thresholds;
        var job = Eq(TelemetryContract.ServiceLabel, context.PublicService);
        var alerts = new List<AlertRule>();
        foreach (var burn in BurnRates)
        {
            alerts.Add(Alert(
                "PublicApiAvailabilityBudgetBurn", burn, job, RecordingRules.ErrorRatio, 1 - t.AvailabilityObjective,
                $"availability objective {RuleContext.Number(t.AvailabilityObjective * 100)}% (non-5xx responses)",
                new(
                    "The public API returns 5xx fast enough to exhaust its 30-day error budget early.",
                    "Tenants see failed requests; at the page rate, 2% of the month's budget goes per hour.",
                    [
                        $"PromQL: {RecordingRules.ErrorRatio("5m").Name}",
                        "Open the gateway's dashboard and find which upstream service's errors rise with it.",
                        "kubectl -n $NAMESPACE get rollouts,pods",
                    ],
                    [
                        "Abort or roll back a release in progress.",
                        "Follow the failing service's ServiceHighErrorRate runbook.",
                    ])));
            alerts.Add(Alert(
                "PublicApiLatencyBudgetBurn", burn, job, RecordingRules.SlowRatio, 1 - t.LatencyObjective,
                $"latency objective {RuleContext.Number(t.LatencyObjective * 100)}% of requests within {RuleContext.Number(t.LatencyThresholdSeconds)} s",
                new(
                    "The public API answers too slowly often enough to exhaust its 30-day latency budget early.",
                    "Tenants see slow responses and timeouts.",
                    [
                        $"PromQL: {RecordingRules.SlowRatio("5m").Name}",
                        $"PromQL: {RecordingRules.P99("5m").Name}",
                    ],
                    [
                        "Find the slow dependency in the gateway's traces (tracing backend of the target) and follow its runbook.",
                        "Scale out the saturated service.",
                    ])));
        }

        return alerts;
    }

    private static AlertRule Alert(string name, BurnRate burn, string job, Func<string, RecordedSeries> ratio, double budget, string objective, Runbook runbook)
    {
        var limit = RuleContext.Number(Math.Round(burn.Factor * budget, 6));
        var pace = burn.Severity == AlertSeverity.Critical ? "fast" : "slow";
        return new(
            name,
            $"{Select(ratio(burn.LongWindow), job)} > {limit} and {Select(ratio(burn.ShortWindow), job)} > {limit}",
            burn.For, burn.Severity, AlertTeams.Services,
            $"The public API burns its error budget {RuleContext.Number(burn.Factor)}x too fast ({pace} burn)",
            $"Over the last {burn.LongWindow} and {burn.ShortWindow}, the {objective} is missed at {RuleContext.Number(burn.Factor)} times the sustainable rate.",
            runbook);
    }
}
