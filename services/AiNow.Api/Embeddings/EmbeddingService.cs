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
/// The cache keeps the response body as sent (<see cref="EmbeddingCacheEntry"/>), so a hit costs no JSON work.
/// </summary>
public sealed class EmbeddingService(
    ISharedCache cache, InferenceEmbeddingsClient inference, IUsageMeter usage, ApiMetrics metrics, IOptions<ApiOptions> options)
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromHours(1);

    /// <exception cref="InferenceCallException">Inference is unavailable or answered unusably.</exception>
    /// <param name="tenantId">Who is charged.</param>
    /// <param name="batch">The texts and model.</param>
    /// <param name="encoding">How the answer will be written: a cached answer for base64 has its vectors read here, and one whose body does not read is recomputed.</param>
    /// <param name="cancellationToken">Ends the wait for inference.</param>
    public async Task<EmbeddingResult> EmbedAsync(Guid tenantId, EmbeddingBatch batch, EmbeddingEncoding encoding, CancellationToken cancellationToken)
    {
        var key = EmbeddingCacheKey.For(tenantId, batch.Model, batch.Inputs);
        var budget = EmbeddingCacheKey.Budget(tenantId, options.Value.EmbeddingCacheEntriesPerTenant, options.Value.EmbeddingCacheBytesPerTenant);
        var answer = await cache.GetAsync(key, budget, cancellationToken) is { } cached
            ? EmbeddingCacheEntry.TryRead(cached, batch.Inputs.Count)
            : null;
        if (answer is not null && encoding != EmbeddingEncoding.Numbers)
        {
            answer = answer.WithVectors();
        }

        var hit = answer is not null;
        if (answer is null)
        {
            metrics.EmbeddingCacheMiss();
            answer = EmbeddingAnswer.From(await inference.EmbedAsync(batch.Model, batch.Inputs, cancellationToken));
            await cache.SetAsync(key, EmbeddingCacheEntry.Write(answer), CacheDuration, budget, cancellationToken);
        }
        else
        {
            metrics.EmbeddingCacheHit();
        }

        await usage.RecordAsync(tenantId, UsageMeter.Embeddings, answer.TotalTokens);
        return new EmbeddingResult(answer, hit);
    }
}

/// <summary>An embeddings answer and whether it came from the cache.</summary>
public sealed record EmbeddingResult(EmbeddingAnswer Answer, bool FromCache);
