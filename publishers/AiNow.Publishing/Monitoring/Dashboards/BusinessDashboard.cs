using AiNow.Contracts.Telemetry;
using AiNow.Publishing.Monitoring.Rules;
using static AiNow.Publishing.Monitoring.Rules.Promql;

namespace AiNow.Publishing.Monitoring.Dashboards;

/// <summary>The business metrics: usage per tenant and operation, active tenants, the cache, batch work and the upstream LLM.</summary>
public static class BusinessDashboard
{
    /// <summary>The dashboard of <paramref name="context"/>'s environment.</summary>
    public static Dashboard Build(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tenant = AiNowMetrics.TenantTag;
        var operation = AiNowMetrics.OperationTag;
        var outcome = AiNowMetrics.OutcomeTag;
        PanelSpec[] panels =
        [
            new("Requests per tenant and operation", "reqps", [(SumRate(Select(AiNowMetrics.UsageRequests), "5m", tenant, operation), $"{{{{{tenant}}}}} {{{{{operation}}}}}")]),
            new("Tokens per tenant and operation", "short", [(SumRate(Select(AiNowMetrics.UsageTokens), "5m", tenant, operation), $"{{{{{tenant}}}}} {{{{{operation}}}}}")]),
            new("Active tenants (last hour)", "short", [(Select(RecordingRules.ActiveTenants), "tenants")], Stat: true),
            new("Embedding cache hit ratio", "percentunit", [(Select(RecordingRules.CacheHitRatio), "hit ratio")]),
            // Every worker replica reports the same queue: take the maximum, not the sum.
            new("Batch jobs by state", "short", [($"max by (state) ({Select(AiNowMetrics.BatchJobs)})", "{{state}}")]),
            new("Batch jobs finished and failed", "short",
            [
                (SumRate(Select(AiNowMetrics.BatchJobsCompleted), "5m"), "completed"),
                (SumRate(Select(AiNowMetrics.BatchJobsFailed), "5m", outcome), $"failed: {{{{{outcome}}}}}"),
            ]),
            new("Batch job duration p50 and p99", "s",
            [
                (Quantile(0.5, Select(AiNowMetrics.BatchJobDuration, "_bucket"), "15m", outcome), $"p50 {{{{{outcome}}}}}"),
                (Quantile(0.99, Select(AiNowMetrics.BatchJobDuration, "_bucket"), "15m", outcome), $"p99 {{{{{outcome}}}}}"),
            ]),
            new("Oldest queued batch job", "s", [($"max({Select(AiNowMetrics.BatchOldestQueuedAge)})", "age")]),
            new("Upstream LLM latency p50 and p99", "s",
            [
                (Quantile(0.5, Select(AiNowMetrics.UpstreamDuration, "_bucket"), "5m"), "p50"),
                (Quantile(0.99, Select(AiNowMetrics.UpstreamDuration, "_bucket"), "5m"), "p99"),
            ]),
            new("Chat completions by outcome", "reqps", [(SumRate(Select(AiNowMetrics.ChatCompletions), "5m", outcome), $"{{{{{outcome}}}}}")]),
        ];
        return new Dashboard($"ainow-{context.Environment.Name}-business", $"AI-Now {context.Environment.Name} / business", ["ainow", context.Environment.Name], DashboardLayout.Panels(panels));
    }
}
