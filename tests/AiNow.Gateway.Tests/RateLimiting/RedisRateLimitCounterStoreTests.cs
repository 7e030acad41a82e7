using System.Net;
using System.Net.Sockets;
using AiNow.Gateway.RateLimiting;
using AiNow.Gateway.Tests.Fakes;
using Garnet;
using StackExchange.Redis;

namespace AiNow.Gateway.Tests.RateLimiting;

/// <summary>The store against Garnet with Lua on, as the local run starts it.</summary>
public sealed class RedisRateLimitCounterStoreTests : IAsyncLifetime
{
    private GarnetServer? _garnet;
    private ConnectionMultiplexer? _redis;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        _garnet = new GarnetServer(["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--lua"]);
        _garnet.Start();
        _redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port}");
    }

    public async Task DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        _garnet?.Dispose();
    }

    private static RedisRateLimitCounterStore CreateStore(IConnectionMultiplexer redis) =>
        new(redis, TestServices.Wrap(TestServices.Options(o => o.RateLimitStoreTimeoutMilliseconds = 2000)));

    private static string NewKey() => FixedWindowRateLimiter.CounterKey(Guid.NewGuid());

    [Fact]
    public async Task IncrementAsync_CountsEachWindowApart()
    {
        var store = CreateStore(_redis!);
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
        var store = CreateStore(_redis!);
        var key = NewKey();

        await store.IncrementAsync(key, 100, CancellationToken.None);

        Assert.Null(await _redis!.GetDatabase().KeyTimeToLiveAsync(key));
        Assert.True(await _redis.GetDatabase().KeyExistsAsync(key));
    }

    [Fact]
    public async Task IncrementAsync_ANewWindow_ForgetsWindowsBeforeThePreviousOne()
    {
        var store = CreateStore(_redis!);
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
        var store = CreateStore(_redis!);
        var key = NewKey();
        await store.IncrementAsync(key, 100, CancellationToken.None);
        await store.IncrementAsync(key, 101, CancellationToken.None);

        Assert.Equal(2, await store.IncrementAsync(key, 100, CancellationToken.None));
        Assert.Equal(["100", "101"], await WindowsOf(key));
    }

    [Fact]
    public async Task IncrementAsync_ConcurrentReplicas_LoseNoIncrement()
    {
        var store = CreateStore(_redis!);
        var key = NewKey();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => store.IncrementAsync(key, 100, CancellationToken.None)));

        Assert.Equal(51, await store.IncrementAsync(key, 100, CancellationToken.None));
    }

    [Fact]
    public async Task IncrementAsync_ServerUnreachable_FailsFast()
    {
        var options = ConfigurationOptions.Parse($"127.0.0.1:{FreePort()},abortConnect=false,connectTimeout=200");
        options.BacklogPolicy = BacklogPolicy.FailFast;
        await using var unreachable = await ConnectionMultiplexer.ConnectAsync(options);
        var store = CreateStore(unreachable);

        var started = TimeProvider.System.GetTimestamp();
        await Assert.ThrowsAnyAsync<Exception>(() => store.IncrementAsync("ainow:rl:x", 1, CancellationToken.None));

        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(2.5));
    }

    private async Task<string[]> WindowsOf(string key) =>
        [.. (await _redis!.GetDatabase().HashKeysAsync(key)).Select(k => k.ToString()).Order(StringComparer.Ordinal)];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
