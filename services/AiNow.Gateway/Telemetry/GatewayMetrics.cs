using System.Diagnostics.Metrics;
using AiNow.ServiceDefaults;

namespace AiNow.Gateway.Telemetry;

/// <summary>The gateway's business metrics on the shared <c>AiNow</c> meter.</summary>
public sealed class GatewayMetrics
{
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _rateLimitStoreFailures;
    private readonly Counter<long> _keyCacheLookups;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(OpenTelemetrySetup.MeterName);
        _rejected = meter.CreateCounter<long>(
            "ainow.gateway.requests.rejected", "{request}", "Requests the gateway answered itself, by reason.");
        _rateLimited = meter.CreateCounter<long>(
            "ainow.gateway.requests.rate_limited", "{request}", "Tenant requests refused with 429 for exceeding the per-minute limit.");
        _rateLimitStoreFailures = meter.CreateCounter<long>(
            "ainow.gateway.rate_limit.store_failures", "{request}", "Requests let through uncounted because the rate-limit store failed.");
        _keyCacheLookups = meter.CreateCounter<long>(
            "ainow.gateway.key_cache.lookups", "{lookup}", "API key cache lookups, by result (hit or miss).");
    }

    public void RequestRejected(string reason) =>
        _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void RequestRateLimited() => _rateLimited.Add(1);

    public void RateLimitStoreFailed() => _rateLimitStoreFailures.Add(1);

    public void KeyCacheLookup(bool hit) =>
        _keyCacheLookups.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));
}
