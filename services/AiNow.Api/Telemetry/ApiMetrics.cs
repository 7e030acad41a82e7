using System.Diagnostics.Metrics;
using AiNow.Contracts.Telemetry;
using AiNow.ServiceDefaults.Telemetry;

namespace AiNow.Api.Telemetry;

/// <summary>The api's business metrics, from the catalog in <see cref="AiNowMetrics"/>.</summary>
public sealed class ApiMetrics
{
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly UsageCounters _usage;
    private readonly Counter<long> _batchesSubmitted;

    public ApiMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.CreateAiNowMeter();
        _cacheHits = meter.CreateCounter(AiNowMetrics.EmbeddingCacheHits);
        _cacheMisses = meter.CreateCounter(AiNowMetrics.EmbeddingCacheMisses);
        _usage = new UsageCounters(meter);
        _batchesSubmitted = meter.CreateCounter(AiNowMetrics.BatchJobsSubmitted);
    }

    public void EmbeddingCacheHit() => _cacheHits.Add(1);

    public void EmbeddingCacheMiss() => _cacheMisses.Add(1);

    /// <summary>Counts what <paramref name="tenantId"/> was charged for one or more requests of <paramref name="operation"/>.</summary>
    public void Charged(Guid tenantId, string operation, int requests, int tokens) =>
        _usage.Charged(tenantId, operation, requests, tokens);

    /// <summary>Counts one batch job accepted for <paramref name="tenantId"/>.</summary>
    public void BatchSubmitted(Guid tenantId) =>
        _batchesSubmitted.Add(1, UsageCounters.TenantTag(tenantId));
}
