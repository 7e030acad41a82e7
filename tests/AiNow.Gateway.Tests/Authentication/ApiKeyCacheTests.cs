using AiNow.Gateway.Authentication;
using AiNow.Gateway.Telemetry;
using AiNow.Gateway.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AiNow.Gateway.Tests.Authentication;

public sealed class ApiKeyCacheTests : IDisposable
{
    private const string Key = "ainow_known-key";
    private static readonly TenantIdentity s_tenant = new(Guid.NewGuid(), "acme", 60);

    private readonly ServiceProvider _services = TestServices.Provider();
    private readonly FakeApiKeyResolver _resolver = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    public ApiKeyCacheTests() => _resolver.Tenants[Key] = s_tenant;

    public void Dispose() => _services.Dispose();

    private ApiKeyCache CreateCache(int keyCacheSeconds = 30) => new(
        _resolver,
        TestServices.Wrap(TestServices.Options(o => o.KeyCacheSeconds = keyCacheSeconds)),
        _time,
        _services.GetRequiredService<GatewayMetrics>());

    [Fact]
    public async Task ResolveAsync_SameKeyTwice_AsksTheApiOnce()
    {
        var cache = CreateCache();

        var first = await cache.ResolveAsync(Key, CancellationToken.None);
        var second = await cache.ResolveAsync(Key, CancellationToken.None);

        Assert.Equal(s_tenant, first);
        Assert.Equal(s_tenant, second);
        Assert.Equal(1, _resolver.Calls);
    }

    [Fact]
    public async Task ResolveAsync_AfterKeyCacheSeconds_AsksTheApiAgain()
    {
        var cache = CreateCache(keyCacheSeconds: 30);
        await cache.ResolveAsync(Key, CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(29));
        await cache.ResolveAsync(Key, CancellationToken.None);
        Assert.Equal(1, _resolver.Calls);

        _time.Advance(TimeSpan.FromSeconds(2));
        await cache.ResolveAsync(Key, CancellationToken.None);
        Assert.Equal(2, _resolver.Calls);
    }

    [Fact]
    public async Task ResolveAsync_UnknownKey_IsRememberedOnlyForTheNegativeLifetime()
    {
        var cache = CreateCache(keyCacheSeconds: 30);

        Assert.Null(await cache.ResolveAsync("ainow_unknown", CancellationToken.None));
        _time.Advance(ApiKeyCache.NegativeLifetime - TimeSpan.FromSeconds(1));
        Assert.Null(await cache.ResolveAsync("ainow_unknown", CancellationToken.None));
        Assert.Equal(1, _resolver.Calls);

        // A key created meanwhile is honoured as soon as the short negative entry expires.
        _resolver.Tenants["ainow_unknown"] = s_tenant;
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(s_tenant, await cache.ResolveAsync("ainow_unknown", CancellationToken.None));
        Assert.Equal(2, _resolver.Calls);
    }

    [Fact]
    public async Task ResolveAsync_ApiUnavailable_ThrowsAndCachesNothing()
    {
        var cache = CreateCache();
        _resolver.Unavailable = true;

        await Assert.ThrowsAsync<ApiUnavailableException>(() => cache.ResolveAsync(Key, CancellationToken.None));
        Assert.Equal(0, cache.Count);

        _resolver.Unavailable = false;
        Assert.Equal(s_tenant, await cache.ResolveAsync(Key, CancellationToken.None));
        Assert.Equal(2, _resolver.Calls);
    }

    [Fact]
    public async Task ResolveAsync_ConcurrentMissesForOneKey_ShareOneLookup()
    {
        var cache = CreateCache();
        _resolver.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var lookups = Enumerable.Range(0, 10).Select(_ => cache.ResolveAsync(Key, CancellationToken.None)).ToArray();
        _resolver.Gate.SetResult();
        var tenants = await Task.WhenAll(lookups);

        Assert.All(tenants, tenant => Assert.Equal(s_tenant, tenant));
        Assert.Equal(1, _resolver.Calls);
    }

    [Fact]
    public async Task ResolveAsync_KeyCacheSecondsZero_AsksTheApiEveryTime()
    {
        var cache = CreateCache(keyCacheSeconds: 0);

        await cache.ResolveAsync(Key, CancellationToken.None);
        await cache.ResolveAsync(Key, CancellationToken.None);
        await cache.ResolveAsync("ainow_unknown", CancellationToken.None);
        await cache.ResolveAsync("ainow_unknown", CancellationToken.None);

        Assert.Equal(4, _resolver.Calls);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task ResolveAsync_RecordsHitsAndMisses()
    {
        using var metrics = new MetricRecorder(_services);
        var cache = CreateCache();

        await cache.ResolveAsync(Key, CancellationToken.None);
        await cache.ResolveAsync(Key, CancellationToken.None);
        await cache.ResolveAsync(Key, CancellationToken.None);

        Assert.Equal(1, metrics.Total("ainow.gateway.key_cache.lookups", "result=miss"));
        Assert.Equal(2, metrics.Total("ainow.gateway.key_cache.lookups", "result=hit"));
    }

    [Fact]
    public void CacheKeyOf_Key_IsItsSha256InHexAndNeverTheKey()
    {
        var cacheKey = ApiKeyCache.CacheKeyOf("ainow_abc");

        // printf ainow_abc | sha256sum
        Assert.Equal("a7e9a65c7f2813d6847ffac1a7b6f9de8dee164ce9155f9ca69cfa8206643f83", cacheKey);
        Assert.DoesNotContain("ainow", cacheKey, StringComparison.Ordinal);
    }
}
