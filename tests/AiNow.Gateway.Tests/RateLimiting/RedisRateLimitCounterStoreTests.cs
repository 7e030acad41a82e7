using AiNow.Gateway.RateLimiting;
using AiNow.Gateway.Tests.Fakes;
using AiNow.Testing;
using StackExchange.Redis;

namespace AiNow.Gateway.Tests.RateLimiting;

/// <summary>The store against Garnet with Lua on, as the local run starts it, and against Redis, as deployed.</summary>
public abstract class RedisRateLimitCounterStoreTests(RedisServerKind server) : IAsyncLifetime
{
    private IRedisServer? _server;

    public async Task InitializeAsync() => _server = await RedisServers.StartAsync(server);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static RedisRateLimitCounterStore CreateStore(IConnectionMultiplexer redis) =>
        new(redis, TestServices.Wrap(TestServices.Options(o => o.RateLimitStoreTimeoutMilliseconds = 2000)));

    private static string NewKey() => FixedWindowRateLimiter.CounterKey(Guid.NewGuid());

    [Fact]
    public async Task IncrementAsync_CountsEachWindowApart()
    {
        var store = CreateStore(_server!.Redis);
        var key = NewKey();

        Assert.Equal(1, await store.IncrementAsync(key, 100, CancellationToken.None));
        Assert.Equal(2, await store.IncrementAsync(key, 100, CancellationToken.None));
        Assert.Equal(1, await store.IncrementAsync(key, 101, CancellationToken.None));
        Assert.Equal(3, await store.IncrementAsync(key, 100, CancellationToken.None));
        Assert.Equal(2, await store.IncrementAsync(key, 101, CancellationToken.None));
    }

    [Fact]
    public async Task IncrementAsync_TheCounterHasNoExpiry_SoVolatileEvictionCannotDropIt()
    {
        var store = CreateStore(_server!.Redis);
        var key = NewKey();

        await store.IncrementAsync(key, 100, CancellationToken.None);

        Assert.Null(await _server!.Redis.GetDatabase().KeyTimeToLiveAsync(key));
        Assert.True(await _server!.Redis.GetDatabase().KeyExistsAsync(key));
    }

    [Fact]
    public async Task IncrementAsync_ANewWindow_ForgetsWindowsBeforeThePreviousOne()
    {
        var store = CreateStore(_server!.Redis);
        var key = NewKey();
        await store.IncrementAsync(key, 100, CancellationToken.None);
        await store.IncrementAsync(key, 101, CancellationToken.None);
        await store.IncrementAsync(key, 102, CancellationToken.None);

        Assert.Equal(["101", "102"], await WindowsOf(key));

        // A tenant back after a long pause leaves nothing of its old windows behind.
        await store.IncrementAsync(key, 500, CancellationToken.None);
        Assert.Equal(["500"], await WindowsOf(key));
    }

    [Fact]
    public async Task IncrementAsync_AReplicaALittleBehind_StillCountsOnThePreviousWindow()
    {
        var store = CreateStore(_server!.Redis);
        var key = NewKey();
        await store.IncrementAsync(key, 100, CancellationToken.None);
        await store.IncrementAsync(key, 101, CancellationToken.None);

        Assert.Equal(2, await store.IncrementAsync(key, 100, CancellationToken.None));
        Assert.Equal(["100", "101"], await WindowsOf(key));
    }

    [Fact]
    public async Task IncrementAsync_ConcurrentReplicas_LoseNoIncrement()
    {
        var store = CreateStore(_server!.Redis);
        var key = NewKey();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => store.IncrementAsync(key, 100, CancellationToken.None)));

        Assert.Equal(51, await store.IncrementAsync(key, 100, CancellationToken.None));
    }

    [Fact]
    public async Task IncrementAsync_ServerUnreachable_FailsFast()
    {
        await using var unreachable = await UnreachableRedis.ConnectAsync();
        var store = CreateStore(unreachable);

        var started = TimeProvider.System.GetTimestamp();
        await Assert.ThrowsAnyAsync<Exception>(() => store.IncrementAsync("ainow:rl:x", 1, CancellationToken.None));

        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(2.5));
    }

    private async Task<string[]> WindowsOf(string key) =>
        [.. (await _server!.Redis.GetDatabase().HashKeysAsync(key)).Select(k => k.ToString()).Order(StringComparer.Ordinal)];
}

public sealed class RedisRateLimitCounterStoreOnGarnetTests() : RedisRateLimitCounterStoreTests(RedisServerKind.Garnet);

public sealed class RedisRateLimitCounterStoreOnRedisTests() : RedisRateLimitCounterStoreTests(RedisServerKind.Redis);
