using AiNow.Api.Keys;
using AiNow.Api.Tests.Support;
using Npgsql;

namespace AiNow.Api.Tests.Keys;

/// <summary>How a key resolves while the database cannot answer: by its last known owner, unless it was revoked.</summary>
public sealed class KeyResolverTests
{
    private readonly FakeTenantStore _tenants = new();
    private readonly InMemorySharedCache _cache = new();
    private readonly FakeApiKeyStore _keys;
    private readonly KeyResolver _resolver;

    public KeyResolverTests()
    {
        _keys = new FakeApiKeyStore(_tenants);
        _resolver = new KeyResolver(_cache, _keys);
    }

    [Fact]
    public async Task Resolve_DatabaseAwayLongerThanTheCacheMinute_AnswersWithTheLastKnownOwner()
    {
        var (key, tenantId) = await IssueAsync();
        Assert.Equal(tenantId, (await _resolver.ResolveAsync(key.Key, CancellationToken.None))!.TenantId);

        _keys.DatabaseAvailable = false;
        _cache.Entries.TryRemove(KeyResolver.CacheKey(key.Hash), out _);

        Assert.Equal(tenantId, (await _resolver.ResolveAsync(key.Key, CancellationToken.None))!.TenantId);
        Assert.Equal(KeyResolver.TrustWhileDatabaseUnavailable, _cache.Entries[KeyResolver.LastKnownOwnerKey(key.Hash)].TimeToLive);
    }

    [Fact]
    public async Task Resolve_KeyNeverSeen_DatabaseAway_StillFails()
    {
        var (key, _) = await IssueAsync();
        _keys.DatabaseAvailable = false;

        await Assert.ThrowsAsync<NpgsqlException>(() => _resolver.ResolveAsync(key.Key, CancellationToken.None));
    }

    [Fact]
    public async Task Resolve_RevokedKey_DatabaseAway_IsNotVouchedForByItsLastKnownOwner()
    {
        var (key, _) = await IssueAsync();
        await _resolver.ResolveAsync(key.Key, CancellationToken.None);
        await new FakeKeyRevocationBroadcast(_cache).RevokeAsync(key.Hash, CancellationToken.None);

        _keys.DatabaseAvailable = false;

        await Assert.ThrowsAsync<NpgsqlException>(() => _resolver.ResolveAsync(key.Key, CancellationToken.None));
    }

    private async Task<(NewApiKey Key, Guid TenantId)> IssueAsync()
    {
        var tenant = _tenants.Add();
        var key = ApiKeyGenerator.Create();
        Assert.NotNull(await _keys.AddAsync(tenant.Id, key, CancellationToken.None));
        return (key, tenant.Id);
    }
}
