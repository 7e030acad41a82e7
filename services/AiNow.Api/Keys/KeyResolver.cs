using System.Text.Json;
using AiNow.Api.Caching;
using AiNow.Api.Http;
using AiNow.Api.Tenants;
using Npgsql;

namespace AiNow.Api.Keys;

/// <summary>
/// Finds the tenant of an API key for the gateway: malformed keys are rejected without a lookup, known
/// hashes come from the shared cache, the rest from the database (and are then cached). While the database cannot
/// answer, a key's last known owner (kept for <see cref="TrustWhileDatabaseUnavailable"/>) still answers, so tenants
/// keep their cached answers through an outage longer than the cache's minute.
/// </summary>
public sealed class KeyResolver(ISharedCache cache, IApiKeyStore store)
{
    /// <summary>How long a resolved key is cached; also how long a revoked key may keep working.</summary>
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(60);

    /// <summary>How long a key's last known owner is trusted when the database cannot answer: as long as a known tenant is.</summary>
    public static readonly TimeSpan TrustWhileDatabaseUnavailable = KnownTenants.TrustWhileUnavailable;

    /// <summary>The cache key of a key hash: <c>ainow:key:{hashhex}</c>.</summary>
    public static string CacheKey(byte[] hash) => $"ainow:key:{ApiKeyGenerator.HashHex(hash)}";

    /// <summary>The cache key of a key's last known owner, read only while the database cannot answer.</summary>
    public static string LastKnownOwnerKey(byte[] hash) => $"ainow:key-owner:{ApiKeyGenerator.HashHex(hash)}";

    /// <summary>Every cache entry that vouches for the key with <paramref name="hash"/>: all go when it is revoked.</summary>
    public static IReadOnlyList<string> CacheKeys(byte[] hash) => [CacheKey(hash), LastKnownOwnerKey(hash)];

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

        KeyOwner? owner;
        try
        {
            owner = await store.FindOwnerAsync(hash, cancellationToken);
        }
        catch (NpgsqlException exception) when (exception.IsTransient)
        {
            // A revoked key has no such entry (revocation removes it), nor has a key never seen: both stay refused (503).
            if (await cache.GetAsync(LastKnownOwnerKey(hash), cancellationToken) is { } known && TryDeserialize(known) is { } lastKnown)
            {
                return lastKnown;
            }

            throw;
        }

        if (owner is not null)
        {
            var json = JsonSerializer.Serialize(owner, ApiJsonContext.Default.KeyOwner);
            await cache.SetAsync(cacheKey, json, CacheDuration, cancellationToken);
            await cache.SetAsync(LastKnownOwnerKey(hash), json, TrustWhileDatabaseUnavailable, cancellationToken);
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
