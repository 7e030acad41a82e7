using System.Collections.Concurrent;
using AiNow.Api.Caching;
using AiNow.Api.Keys;
using AiNow.Api.Tenants;
using AiNow.Api.Usage;

namespace AiNow.Api.Tests.Support;

internal sealed class FakeTenantStore : ITenantStore
{
    private readonly ConcurrentDictionary<Guid, Tenant> _tenants = new();

    public int FindCalls;

    public Tenant Add(string name = "acme", int rateLimit = 60) =>
        Add(new Tenant(Guid.NewGuid(), name, rateLimit, DateTimeOffset.UnixEpoch));

    public Tenant Add(Tenant tenant)
    {
        _tenants[tenant.Id] = tenant;
        return tenant;
    }

    public Task<Tenant?> CreateAsync(string name, int rateLimitPerMinute, CancellationToken cancellationToken)
    {
        lock (_tenants)
        {
            if (_tenants.Values.Any(t => t.Name == name))
            {
                return Task.FromResult<Tenant?>(null);
            }

            return Task.FromResult<Tenant?>(Add(name, rateLimitPerMinute));
        }
    }

    /// <summary>The tenants named <paramref name="name"/>.</summary>
    public IReadOnlyList<Tenant> FindAll(string name) => [.. _tenants.Values.Where(t => t.Name == name)];

    public Task<Tenant?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref FindCalls);
        return Task.FromResult(_tenants.GetValueOrDefault(id));
    }
}

internal sealed class FakeApiKeyStore(FakeTenantStore tenants) : IApiKeyStore
{
    public ConcurrentDictionary<string, (Guid TenantId, NewApiKey Key)> Stored { get; } = new();

    public int FindCalls;

    public async Task<StoredApiKey?> AddAsync(Guid tenantId, NewApiKey key, CancellationToken cancellationToken)
    {
        if (await tenants.FindAsync(tenantId, cancellationToken) is null)
        {
            return null;
        }

        Stored[Convert.ToHexString(key.Hash)] = (tenantId, key);
        var id = Guid.NewGuid();
        Ids[id] = (tenantId, key.Hash);
        return new StoredApiKey(id, tenantId, key.Prefix, DateTimeOffset.UnixEpoch);
    }

    /// <summary>Every key ever issued by id, revoked ones included.</summary>
    public ConcurrentDictionary<Guid, (Guid TenantId, byte[] Hash)> Ids { get; } = new();

    public Task<byte[]?> RevokeAsync(Guid tenantId, Guid keyId, CancellationToken cancellationToken) =>
        Task.FromResult(Ids.TryGetValue(keyId, out var issued) && issued.TenantId == tenantId
                        && Stored.TryRemove(Convert.ToHexString(issued.Hash), out _)
            ? issued.Hash
            : null);

    public async Task<RotatedApiKey?> RotateAsync(Guid tenantId, Guid keyId, NewApiKey replacement, CancellationToken cancellationToken)
    {
        var revoked = await RevokeAsync(tenantId, keyId, cancellationToken);
        return revoked is null ? null : new RotatedApiKey((await AddAsync(tenantId, replacement, cancellationToken))!, revoked);
    }

    /// <summary>When false, lookups fail as a database that cannot be reached does (a transient NpgsqlException).</summary>
    public bool DatabaseAvailable { get; set; } = true;

    public async Task<KeyOwner?> FindOwnerAsync(byte[] hash, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref FindCalls);
        if (!DatabaseAvailable)
        {
            throw new Npgsql.NpgsqlException("The database did not answer.", new TimeoutException());
        }

        if (!Stored.TryGetValue(Convert.ToHexString(hash), out var entry))
        {
            return null;
        }

        var tenant = await tenants.FindAsync(entry.TenantId, cancellationToken);
        return tenant is null ? null : new KeyOwner(tenant.Id, tenant.Name, tenant.RateLimitPerMinute);
    }
}

/// <summary>
/// A cache in memory. Budgets are recorded, not enforced: the trimming itself is tested against Garnet, and the
/// api without its cache against the real client (<c>SharedCacheOutageTests</c>).
/// </summary>
internal sealed class InMemorySharedCache : ISharedCache
{
    public ConcurrentDictionary<string, (string Value, TimeSpan TimeToLive)> Entries { get; } = new();

    public ConcurrentDictionary<string, CacheBudget> BudgetsByKey { get; } = new();

    public Task<string?> GetAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(Entries.TryGetValue(key, out var entry) ? entry.Value : null);

    public Task SetAsync(string key, string value, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        Entries[key] = (value, timeToLive);
        return Task.CompletedTask;
    }

    public Task<string?> GetAsync(string key, CacheBudget budget, CancellationToken cancellationToken) =>
        GetAsync(key, cancellationToken);

    public Task SetAsync(string key, string value, TimeSpan timeToLive, CacheBudget budget, CancellationToken cancellationToken)
    {
        BudgetsByKey[key] = budget;
        return SetAsync(key, value, timeToLive, cancellationToken);
    }

    public Task<bool> RemoveAsync(string key, CancellationToken cancellationToken)
    {
        // True as for Redis's DEL: the cache was reached, so the key is gone whether or not it was there.
        Entries.TryRemove(key, out _);
        return Task.FromResult(true);
    }
}

/// <summary>Removes revoked keys from the in-memory cache and keeps the hashes it would have announced.</summary>
internal sealed class FakeKeyRevocationBroadcast(InMemorySharedCache cache) : IKeyRevocationBroadcast
{
    public ConcurrentQueue<byte[]> Announced { get; } = new();

    public async Task<bool> RevokeAsync(byte[] hash, CancellationToken cancellationToken)
    {
        Announced.Enqueue(hash);
        var removed = true;
        foreach (var key in KeyResolver.CacheKeys(hash))
        {
            removed &= await cache.RemoveAsync(key, cancellationToken);
        }

        return removed;
    }
}

internal sealed class FakeUsageMeter : IUsageMeter
{
    public ConcurrentQueue<(Guid TenantId, string Operation, int Tokens)> Records { get; } = new();

    public Task RecordAsync(Guid tenantId, string operation, int tokens)
    {
        Records.Enqueue((tenantId, operation, tokens));
        return Task.CompletedTask;
    }
}

/// <summary>Stands in for the inference service: answers with <see cref="Respond"/> and keeps what it was sent.</summary>
internal sealed class StubHttpHandler : HttpMessageHandler
{
    public Func<HttpRequestMessage, string, HttpResponseMessage> Respond { get; set; } =
        (_, _) => new HttpResponseMessage(System.Net.HttpStatusCode.InternalServerError);

    /// <summary>Completes when a request has arrived and been recorded.</summary>
    public TaskCompletionSource Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, inference never answers: it waits for the caller to give up, as a model that is still thinking.</summary>
    public bool NeverAnswers { get; set; }

    public ConcurrentQueue<(string Path, string Body)> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue((request.RequestUri!.AbsolutePath, body));
        Received.TrySetResult();
        if (NeverAnswers)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        return Respond(request, body);
    }
}
