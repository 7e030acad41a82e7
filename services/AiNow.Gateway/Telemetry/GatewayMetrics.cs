using System.Diagnostics.Metrics;
using AiNow.Contracts.Telemetry;
using AiNow.ServiceDefaults.Telemetry;

namespace AiNow.Gateway.Telemetry;

/// <summary>The gateway's business metrics, from the catalog in <see cref="AiNowMetrics"/>.</summary>
public sealed class GatewayMetrics
{
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _rateLimitStoreFailures;
    private readonly Counter<long> _keyCacheLookups;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.CreateAiNowMeter();
        _rejected = meter.CreateCounter(AiNowMetrics.GatewayRejected);
        _rateLimited = meter.CreateCounter(AiNowMetrics.GatewayRateLimited);
        _rateLimitStoreFailures = meter.CreateCounter(AiNowMetrics.RateLimitStoreFailures);
        _keyCacheLookups = meter.CreateCounter(AiNowMetrics.KeyCacheLookups);
    }

    public void RequestRejected(string reason) =>
        _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Counts one request of <paramref name="tenantId"/> refused for exceeding its limit.</summary>
    public void RequestRateLimited(Guid tenantId) =>
        _rateLimited.Add(1, new KeyValuePair<string, object?>(AiNowMetrics.TenantTag, tenantId.ToString("D")));

    public void RateLimitStoreFailed() => _rateLimitStoreFailures.Add(1);

    public void KeyCacheLookup(bool hit) =>
        _keyCacheLookups.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));
}
