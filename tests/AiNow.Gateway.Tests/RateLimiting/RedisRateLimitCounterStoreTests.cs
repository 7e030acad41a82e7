using AiNow.Gateway.RateLimiting;
using AiNow.Gateway.Tests.Fakes;
using AiNow.Testing;
using StackExchange.Redis;

namespace AiNow.Gateway.Tests.RateLimiting;

/// <summary>The store against Garnet with Lua on, as the local run starts it, and against Redis, as deployed.</summary>
public abstract class RedisRateLimitCounterStoreTests(RedisServerKind server) : RateLimitCounterStoreContract, IAsyncLifetime
{
    private IRedisServer? _server;
    private RedisRateLimitCounterStore? _store;

    private protected override IRateLimitCounterStore Store => _store!;

    public async Task InitializeAsync()
    {
        _server = await RedisServers.StartAsync(server);
        _store = CreateStore(_server.Redis, timeoutMilliseconds: 2000);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static RedisRateLimitCounterStore CreateStore(IConnectionMultiplexer redis, int timeoutMilliseconds) =>
        new(redis, TestServices.Wrap(TestServices.Options(o => o.RateLimitStoreTimeoutMilliseconds = timeoutMilliseconds)));

    private protected override async Task<IReadOnlyList<long>> WindowsOfAsync(string key) =>
        [.. (await _server!.Redis.GetDatabase().HashKeysAsync(key)).Select(field => (long)field).Order()];

    [Fact]
    public async Task IncrementAsync_TheCounterHasNoExpiry_SoVolatileEvictionCannotDropIt()
    {
        var key = FixedWindowRateLimiter.CounterKey(Guid.NewGuid());

        await Store.IncrementAsync(key, 100, CancellationToken.None);

        Assert.Null(await _server!.Redis.GetDatabase().KeyTimeToLiveAsync(key));
        Assert.True(await _server.Redis.GetDatabase().KeyExistsAsync(key));
    }

    [Fact]
    public async Task IncrementAsync_ServerUnreachable_FailsAtOnceRatherThanWaitingOutItsTimeout()
    {
        await using var unreachable = await UnreachableRedis.ConnectAsync();
        // A store timeout far beyond the guard below: the failure must come from the missing connection, not the clock.
        var store = CreateStore(unreachable, timeoutMilliseconds: 120_000);

        var failure = await Record.ExceptionAsync(() =>
            store.IncrementAsync("ainow:rl:x", 1, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.IsType<RedisConnectionException>(failure);
    }
}

public sealed class RedisRateLimitCounterStoreOnGarnetTests() : RedisRateLimitCounterStoreTests(RedisServerKind.Garnet);

public sealed class RedisRateLimitCounterStoreOnRedisTests() : RedisRateLimitCounterStoreTests(RedisServerKind.Redis);
