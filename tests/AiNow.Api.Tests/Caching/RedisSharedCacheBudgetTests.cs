using AiNow.Api.Caching;
using AiNow.Api.Embeddings;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using AiNow.Testing;
using StackExchange.Redis;

namespace AiNow.Api.Tests.Caching;

/// <summary>Budgeted entries against Garnet with Lua on, as the local run starts it, and against Redis, as deployed.</summary>
public abstract class RedisSharedCacheBudgetTests(RedisServerKind server) : IAsyncLifetime
{
    private static readonly TimeSpan s_lifetime = TimeSpan.FromHours(1);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private IRedisServer? _server;
    private RedisSharedCache _cache = null!;

    private IDatabase Database => _server!.Redis.GetDatabase();

    public async Task InitializeAsync()
    {
        _server = await RedisServers.StartAsync(server);
        _cache = CreateCache(_server.Redis);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private RedisSharedCache CreateCache(IConnectionMultiplexer redis, int timeoutMilliseconds = 2000) => new(
        redis, Options.Create(new ApiOptions { CacheTimeoutMilliseconds = timeoutMilliseconds }), _time, NullLogger<RedisSharedCache>.Instance);

    private static CacheBudget NewBudget(int maxEntries = 1000, long maxBytes = 1_000_000) =>
        EmbeddingCacheKey.Budget(Guid.NewGuid(), maxEntries, maxBytes);

    private static string KeyOf(CacheBudget budget, string name) => budget.EntryPrefix + name;

    /// <summary>Stores each entry a second after the previous one, so their order of use is unambiguous.</summary>
    private async Task StoreAsync(CacheBudget budget, string name, int bytes = 10)
    {
        _time.Advance(TimeSpan.FromSeconds(1));
        await _cache.SetAsync(KeyOf(budget, name), new string('v', bytes), s_lifetime, budget, CancellationToken.None);
    }

    private async Task<string[]> CachedAsync(CacheBudget budget, params string[] names)
    {
        var cached = new List<string>();
        foreach (var name in names)
        {
            if (await Database.KeyExistsAsync(KeyOf(budget, name)))
            {
                cached.Add(name);
            }
        }

        return [.. cached];
    }

    [Fact]
    public async Task SetAsync_MoreEntriesThanTheBudget_KeepsTheMostRecentlyStored()
    {
        var budget = NewBudget(maxEntries: 3);

        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            await StoreAsync(budget, name);
        }

        Assert.Equal(["c", "d", "e"], await CachedAsync(budget, "a", "b", "c", "d", "e"));
        Assert.Equal(3, await Database.SortedSetLengthAsync(budget.IndexKey));
    }

    [Fact]
    public async Task GetAsync_AHit_OutlivesOlderEntriesThatWereNotUsed()
    {
        var budget = NewBudget(maxEntries: 3);
        await StoreAsync(budget, "a");
        await StoreAsync(budget, "b");
        await StoreAsync(budget, "c");

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(await _cache.GetAsync(KeyOf(budget, "a"), budget, CancellationToken.None));
        await StoreAsync(budget, "d");

        Assert.Equal(["a", "c", "d"], await CachedAsync(budget, "a", "b", "c", "d"));
    }

    [Fact]
    public async Task SetAsync_OverTheByteBudget_DropsTheOldestUntilUnderIt()
    {
        var budget = NewBudget(maxBytes: 1000);
        await StoreAsync(budget, "a", bytes: 400);
        await StoreAsync(budget, "b", bytes: 400);
        await StoreAsync(budget, "c", bytes: 400);

        Assert.Equal(["b", "c"], await CachedAsync(budget, "a", "b", "c"));
        Assert.Equal(800, (long)await Database.StringGetAsync(budget.BytesKey));
    }

    [Fact]
    public async Task SetAsync_AValueLargerThanTheWholeBudget_IsNotCachedAndDropsNothing()
    {
        var budget = NewBudget(maxBytes: 1000);
        await StoreAsync(budget, "a", bytes: 400);

        await StoreAsync(budget, "huge", bytes: 1001);

        Assert.Equal(["a"], await CachedAsync(budget, "a", "huge"));
    }

    [Fact]
    public async Task SetAsync_AValueOfExactlyTheWholeBudget_IsCached_InPlaceOfTheRest()
    {
        var budget = NewBudget(maxBytes: 1000);
        await StoreAsync(budget, "a", bytes: 400);

        await StoreAsync(budget, "whole", bytes: 1000);

        Assert.Equal(["whole"], await CachedAsync(budget, "a", "whole"));
        Assert.Equal(1000, (long)await Database.StringGetAsync(budget.BytesKey));
    }

    [Fact]
    public async Task SetAsync_OneTenantOverItsBudget_LeavesAnotherTenantsEntries()
    {
        var quiet = NewBudget(maxEntries: 3);
        var noisy = NewBudget(maxEntries: 3);
        await StoreAsync(quiet, "q1");
        await StoreAsync(quiet, "q2");

        for (var i = 0; i < 20; i++)
        {
            await StoreAsync(noisy, $"n{i}");
        }

        Assert.Equal(["q1", "q2"], await CachedAsync(quiet, "q1", "q2"));
        Assert.Equal(3, await Database.SortedSetLengthAsync(noisy.IndexKey));
    }

    [Fact]
    public async Task SetAsync_EveryKeyItWrites_HasAnExpiry_SoOnlyVolatileEvictionCanTakeIt()
    {
        var budget = NewBudget();

        await StoreAsync(budget, "a");

        foreach (var key in new[] { KeyOf(budget, "a"), budget.IndexKey, budget.BytesKey })
        {
            var ttl = await Database.KeyTimeToLiveAsync(key);
            Assert.True(ttl is { } left && left > TimeSpan.FromMinutes(59) && left <= s_lifetime, $"{key} has no expiry of about an hour (it has {ttl}).");
        }
    }

    [Fact]
    public async Task SetAsync_TheSameEntryAgain_IsCountedOnce()
    {
        var budget = NewBudget();
        await StoreAsync(budget, "a", bytes: 100);
        await StoreAsync(budget, "a", bytes: 100);

        Assert.Equal(100, (long)await Database.StringGetAsync(budget.BytesKey));
        Assert.Equal(1, await Database.SortedSetLengthAsync(budget.IndexKey));
    }

    [Fact]
    public async Task SetAsync_AfterTheByteTotalWasLost_CountsItAgainFromTheIndex()
    {
        var budget = NewBudget(maxBytes: 1000);
        await StoreAsync(budget, "a", bytes: 400);
        await StoreAsync(budget, "b", bytes: 400);
        await Database.KeyDeleteAsync(budget.BytesKey);

        await StoreAsync(budget, "c", bytes: 400);

        Assert.Equal(["b", "c"], await CachedAsync(budget, "a", "b", "c"));
        Assert.Equal(800, (long)await Database.StringGetAsync(budget.BytesKey));
    }

    [Fact]
    public async Task SetAsync_EntriesUntouchedForALifetime_LeaveTheIndexAndTheTotal()
    {
        var budget = NewBudget();
        await StoreAsync(budget, "a", bytes: 400);

        _time.Advance(s_lifetime);
        await StoreAsync(budget, "b", bytes: 100);

        var members = await Database.SortedSetRangeByRankAsync(budget.IndexKey);
        Assert.Equal([budget.IndexMember(KeyOf(budget, "b"), 100)], members.Select(m => m.ToString()));
        Assert.Equal(100, (long)await Database.StringGetAsync(budget.BytesKey));
    }

    [Fact]
    public async Task RemoveAsync_WhileTheCacheIsPausedAfterAFailure_StillDeletes()
    {
        var budget = NewBudget();
        await StoreAsync(budget, "revoked");
        var broken = NewBudget();
        await Database.StringSetAsync(broken.IndexKey, "not a sorted set");
        await _cache.SetAsync(KeyOf(broken, "x"), "value", s_lifetime, broken, CancellationToken.None);
        Assert.Null(await _cache.GetAsync(KeyOf(budget, "revoked"), budget, CancellationToken.None));

        Assert.True(await _cache.RemoveAsync(KeyOf(budget, "revoked"), CancellationToken.None));

        Assert.False(await Database.KeyExistsAsync(KeyOf(budget, "revoked")));
    }

    [Fact]
    public async Task BudgetedCalls_ServerUnreachable_MissAndDropTheWriteWithoutWaitingForTheServer()
    {
        await using var unreachable = await UnreachableRedis.ConnectAsync();
        // A command timeout far beyond the guard below: the calls must give up because there is no connection,
        // not because a timer ran out.
        var cache = CreateCache(unreachable, timeoutMilliseconds: 120_000);
        var budget = NewBudget();

        var guard = TimeSpan.FromSeconds(30);
        await cache.SetAsync(KeyOf(budget, "a"), "value", s_lifetime, budget, CancellationToken.None).WaitAsync(guard);
        Assert.Null(await cache.GetAsync(KeyOf(budget, "a"), budget, CancellationToken.None).WaitAsync(guard));
    }
}

public sealed class RedisSharedCacheBudgetOnGarnetTests() : RedisSharedCacheBudgetTests(RedisServerKind.Garnet);

public sealed class RedisSharedCacheBudgetOnRedisTests() : RedisSharedCacheBudgetTests(RedisServerKind.Redis);
