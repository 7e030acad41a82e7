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
    public async Task Resolve_TwoKeysOfTwoTenants_DatabaseAway_EachAnswersWithItsOwnLastKnownOwner()
    {
        var (first, firstTenant) = await IssueAsync();
        var (second, secondTenant) = await IssueAsync();
        await _resolver.ResolveAsync(first.Key, CancellationToken.None);
        await _resolver.ResolveAsync(second.Key, CancellationToken.None);

        _keys.DatabaseAvailable = false;
        _cache.Entries.TryRemove(KeyResolver.CacheKey(first.Hash), out _);
        _cache.Entries.TryRemove(KeyResolver.CacheKey(second.Hash), out _);

        Assert.Equal(firstTenant, (await _resolver.ResolveAsync(first.Key, CancellationToken.None))!.TenantId);
        Assert.Equal(secondTenant, (await _resolver.ResolveAsync(second.Key, CancellationToken.None))!.TenantId);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    public async Task Resolve_ACacheEntryItCannotRead_IsLookedUpAgainAndRewritten(string unreadable)
    {
        // An entry another version wrote, or a damaged one: the database decides, and the entry is replaced.
        var (key, tenantId) = await IssueAsync();
        _cache.Entries[KeyResolver.CacheKey(key.Hash)] = (unreadable, KeyResolver.CacheDuration);

        Assert.Equal(tenantId, (await _resolver.ResolveAsync(key.Key, CancellationToken.None))!.TenantId);
        Assert.Equal(1, _keys.FindCalls);
        Assert.Contains(tenantId.ToString(), _cache.Entries[KeyResolver.CacheKey(key.Hash)].Value, StringComparison.Ordinal);
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
