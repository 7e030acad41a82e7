using System.Text.Json;
using AiNow.Api.Caching;
using AiNow.Api.Telemetry;
using AiNow.Api.Usage;
using AiNow.Contracts;
using AiNow.Contracts.Inference;
using Microsoft.Extensions.Options;

namespace AiNow.Api.Embeddings;

/// <summary>
/// Embeds texts for a tenant: from the cache when the same tenant embedded the same model and inputs within the
/// hour, else from inference (then cached). The tenant is charged the response's tokens either way, so
/// usage does not depend on which replica or cache state served it. Each tenant's entries share one budget
/// (<see cref="ApiOptions.EmbeddingCacheEntriesPerTenant"/>, <see cref="ApiOptions.EmbeddingCacheBytesPerTenant"/>),
/// so no tenant can fill the cache by embedding many distinct texts: its own least recently used entries go first.
/// </summary>
public sealed class EmbeddingService(
    ISharedCache cache, InferenceEmbeddingsClient inference, IUsageMeter usage, ApiMetrics metrics, IOptions<ApiOptions> options)
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromHours(1);

    /// <exception cref="InferenceCallException">Inference is unavailable or answered unusably.</exception>
    public async Task<EmbeddingResult> EmbedAsync(Guid tenantId, EmbeddingBatch batch, CancellationToken cancellationToken)
    {
        var key = EmbeddingCacheKey.For(tenantId, batch.Model, batch.Inputs);
        var budget = EmbeddingCacheKey.Budget(tenantId, options.Value.EmbeddingCacheEntriesPerTenant, options.Value.EmbeddingCacheBytesPerTenant);
        var response = await cache.GetAsync(key, budget, cancellationToken) is { } cached ? TryDeserialize(cached, batch.Inputs.Count) : null;
        var hit = response is not null;
        if (response is null)
        {
            metrics.EmbeddingCacheMiss();
            response = await inference.EmbedAsync(batch.Model, batch.Inputs, cancellationToken);
            await cache.SetAsync(key, JsonSerializer.Serialize(response, ContractsJsonContext.Default.EmbeddingResponse), CacheDuration, budget, cancellationToken);
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
