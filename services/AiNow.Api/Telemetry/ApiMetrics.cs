using System.Diagnostics.Metrics;
using AiNow.ServiceDefaults;

namespace AiNow.Api.Telemetry;

/// <summary>The api's business metrics, on the shared <c>AiNow</c> meter.</summary>
public sealed class ApiMetrics
{
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly Counter<long> _tokens;
    private readonly Counter<long> _requests;

    public ApiMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(OpenTelemetrySetup.MeterName);
        _cacheHits = meter.CreateCounter<long>("ainow.embeddings.cache.hits", "{request}", "Embedding requests answered from the cache.");
        _cacheMisses = meter.CreateCounter<long>("ainow.embeddings.cache.misses", "{request}", "Embedding requests sent to inference.");
        _tokens = meter.CreateCounter<long>("ainow.usage.tokens", "{token}", "Tokens charged to tenants, by operation.");
        _requests = meter.CreateCounter<long>("ainow.usage.requests", "{request}", "Requests charged to tenants, by operation.");
    }

    public void EmbeddingCacheHit() => _cacheHits.Add(1);

    public void EmbeddingCacheMiss() => _cacheMisses.Add(1);

    public void Charged(string operation, int requests, int tokens)
    {
        var tag = new KeyValuePair<string, object?>("operation", operation);
        _requests.Add(requests, tag);
        _tokens.Add(tokens, tag);
    }
}
