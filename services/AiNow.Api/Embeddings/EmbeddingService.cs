using System.Text.Json;
using AiNow.Api.Caching;
using AiNow.Api.Telemetry;
using AiNow.Api.Usage;
using AiNow.Contracts;

namespace AiNow.Api.Embeddings;

/// <summary>
/// Embeds texts for a tenant: from the cache when the same tenant embedded the same model and inputs within the
/// hour, else from inference (then cached). The tenant is charged the response's tokens either way, so
/// usage does not depend on which replica or cache state served it.
/// </summary>
public sealed class EmbeddingService(ISharedCache cache, InferenceClient inference, IUsageMeter usage, ApiMetrics metrics)
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromHours(1);

    /// <exception cref="InferenceFailedException">Inference is unreachable or answered unusably.</exception>
    public async Task<EmbeddingResult> EmbedAsync(Guid tenantId, EmbeddingBatch batch, CancellationToken cancellationToken)
    {
        var key = EmbeddingCacheKey.For(tenantId, batch.Model, batch.Inputs);
        var response = await cache.GetAsync(key, cancellationToken) is { } cached ? TryDeserialize(cached, batch.Inputs.Count) : null;
        var hit = response is not null;
        if (response is null)
        {
            metrics.EmbeddingCacheMiss();
            response = await inference.EmbedAsync(batch.Model, batch.Inputs, cancellationToken);
            await cache.SetAsync(key, JsonSerializer.Serialize(response, ContractsJsonContext.Default.EmbeddingResponse), CacheDuration, cancellationToken);
        }
        else
        {
            metrics.EmbeddingCacheHit();
        }

        await usage.RecordAsync(tenantId, UsageMeter.Embeddings, response.Usage.TotalTokens);
        return new EmbeddingResult(response, hit);
    }

    // An unreadable or mismatched entry (another version wrote it) is a miss, never an error.
    private static EmbeddingResponse? TryDeserialize(string json, int expectedItems)
    {
        try
        {
            var response = JsonSerializer.Deserialize(json, ContractsJsonContext.Default.EmbeddingResponse);
            return response is { Data.Count: var count, Usage: not null } && count == expectedItems ? response : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>An embeddings response and whether it came from the cache.</summary>
public sealed record EmbeddingResult(EmbeddingResponse Response, bool FromCache);
