using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using AiNow.Gateway.Configuration;
using AiNow.Gateway.Telemetry;
using Microsoft.Extensions.Options;

namespace AiNow.Gateway.Authentication;

/// <summary>
/// Keeps key lookups briefly in memory so most requests cost no call to the api. Entries are
/// indexed by the key's SHA-256, so no raw key stays in memory longer than its request.
/// Unknown keys are remembered for a few seconds only, so a key just created works at once.
/// Concurrent misses for one key share a single lookup.
/// </summary>
public sealed class ApiKeyCache(IApiKeyResolver resolver, IOptions<GatewayOptions> options, TimeProvider time, GatewayMetrics metrics)
{
    public static readonly TimeSpan NegativeLifetime = TimeSpan.FromSeconds(5);

    /// <summary>Bounds memory when a client sprays random keys; past it, new results are not cached.</summary>
    public const int MaxEntries = 100_000;

    private static readonly TimeSpan s_purgeInterval = TimeSpan.FromSeconds(30);

    private readonly TimeSpan _positiveLifetime = TimeSpan.FromSeconds(options.Value.KeyCacheSeconds);
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<TenantIdentity?>>> _inFlight = new(StringComparer.Ordinal);
    private long _lastPurgeTicks;

    public int Count => _entries.Count;

    /// <summary>The key's tenant, or null for an unknown key.</summary>
    /// <exception cref="ApiUnavailableException">The api could not answer; nothing is cached.</exception>
    public async Task<TenantIdentity?> ResolveAsync(string apiKey, CancellationToken cancellationToken)
    {
        var cacheKey = CacheKeyOf(apiKey);
        if (_entries.TryGetValue(cacheKey, out var entry) && entry.ExpiresAt > time.GetUtcNow())
        {
            metrics.KeyCacheLookup(hit: true);
            return entry.Tenant;
        }

        metrics.KeyCacheLookup(hit: false);
        var lookup = _inFlight.GetOrAdd(
            cacheKey,
            static (key, state) => new Lazy<Task<TenantIdentity?>>(() => state.cache.LoadAsync(key, state.apiKey)),
            (cache: this, apiKey));
        return await lookup.Value.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Drops the entry of a revoked key (by its hex SHA-256, as announced on <see cref="AiNow.Contracts.KeyRevocations.Channel"/>),
    /// so its next request is checked again and refused.
    /// </summary>
    public void Forget(string keyHashHex) => _entries.TryRemove(keyHashHex.ToLowerInvariant(), out _);

    /// <summary>True when <paramref name="apiKey"/> is cached as a valid key: known good without asking anyone.</summary>
    public bool IsCachedValid(string apiKey) =>
        _entries.TryGetValue(CacheKeyOf(apiKey), out var entry) && entry.Tenant is not null && entry.ExpiresAt > time.GetUtcNow();

    /// <summary>Hex SHA-256 of the key: what the cache is indexed by.</summary>
    public static string CacheKeyOf(string apiKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    private async Task<TenantIdentity?> LoadAsync(string cacheKey, string apiKey)
    {
        try
        {
            // Not the caller's token: other requests may be waiting on this lookup.
            var tenant = await resolver.ResolveAsync(apiKey, CancellationToken.None);
            Store(cacheKey, tenant);
            return tenant;
        }
        finally
        {
            _inFlight.TryRemove(cacheKey, out _);
        }
    }

    private void Store(string cacheKey, TenantIdentity? tenant)
    {
        var lifetime = tenant is null ? TimeSpan.FromTicks(Math.Min(NegativeLifetime.Ticks, _positiveLifetime.Ticks)) : _positiveLifetime;
        if (lifetime <= TimeSpan.Zero)
        {
            return;
        }

        var now = time.GetUtcNow();
        PurgeExpiredEntries(now);
        if (_entries.Count >= MaxEntries && !_entries.ContainsKey(cacheKey))
        {
            return;
        }

        _entries[cacheKey] = new Entry(tenant, now + lifetime);
    }

    private void PurgeExpiredEntries(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastPurgeTicks);
        if (now.UtcTicks - last < s_purgeInterval.Ticks
            || Interlocked.CompareExchange(ref _lastPurgeTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private sealed record Entry(TenantIdentity? Tenant, DateTimeOffset ExpiresAt);
}
