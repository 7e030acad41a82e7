using System.Text.Json;
using AiNow.Api.Caching;
using AiNow.Api.Http;

namespace AiNow.Api.Keys;

/// <summary>
/// Finds the tenant of an API key for the gateway: malformed keys are rejected without a lookup, known
/// hashes come from the shared cache, the rest from the database (and are then cached).
/// </summary>
public sealed class KeyResolver(ISharedCache cache, IApiKeyStore store)
{
    /// <summary>How long a resolved key is cached; also how long a revoked key may keep working.</summary>
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(60);

    /// <summary>The cache key of a key hash: <c>ainow:key:{hashhex}</c>.</summary>
    public static string CacheKey(byte[] hash) => $"ainow:key:{ApiKeyGenerator.HashHex(hash)}";

    /// <summary>The owner of <paramref name="key"/>, or null when no active key matches.</summary>
    public async Task<KeyOwner?> ResolveAsync(string key, CancellationToken cancellationToken)
    {
        if (!ApiKeyGenerator.IsWellFormed(key))
        {
            return null;
        }

        var hash = ApiKeyGenerator.Hash(key);
        var cacheKey = CacheKey(hash);
        if (await cache.GetAsync(cacheKey, cancellationToken) is { } cached && TryDeserialize(cached) is { } fromCache)
        {
            return fromCache;
        }

        var owner = await store.FindOwnerAsync(hash, cancellationToken);
        if (owner is not null)
        {
            await cache.SetAsync(cacheKey, JsonSerializer.Serialize(owner, ApiJsonContext.Default.KeyOwner), CacheDuration, cancellationToken);
        }

        return owner;
    }

    private static KeyOwner? TryDeserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ApiJsonContext.Default.KeyOwner);
        }
        catch (JsonException)
        {
            // An entry written by another version: ignore it and look the key up again.
            return null;
        }
    }
}
