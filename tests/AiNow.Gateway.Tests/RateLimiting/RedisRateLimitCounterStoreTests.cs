using System.Net;
using System.Net.Sockets;
using AiNow.Gateway.RateLimiting;
using AiNow.Gateway.Tests.Fakes;
using Garnet;
using StackExchange.Redis;

namespace AiNow.Gateway.Tests.RateLimiting;

/// <summary>The store against Garnet, the Redis-compatible server the local run uses.</summary>
public sealed class RedisRateLimitCounterStoreTests : IAsyncLifetime
{
    private GarnetServer? _garnet;
    private ConnectionMultiplexer? _redis;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        _garnet = new GarnetServer(["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1"]);
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

    [Fact]
    public async Task IncrementAsync_CountsAndSetsTheLifetime()
    {
        var store = CreateStore(_redis!);
        var key = $"ainow:rl:{Guid.NewGuid():D}:1";

        Assert.Equal(1, await store.IncrementAsync(key, TimeSpan.FromSeconds(120), CancellationToken.None));
        Assert.Equal(2, await store.IncrementAsync(key, TimeSpan.FromSeconds(120), CancellationToken.None));
        Assert.Equal(3, await store.IncrementAsync(key, TimeSpan.FromSeconds(120), CancellationToken.None));

        var ttl = await _redis!.GetDatabase().KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value.TotalSeconds, 100, 120);
    }

    [Fact]
    public async Task IncrementAsync_ServerUnreachable_FailsFast()
    {
        var options = ConfigurationOptions.Parse($"127.0.0.1:{FreePort()},abortConnect=false,connectTimeout=200");
        options.BacklogPolicy = BacklogPolicy.FailFast;
        await using var unreachable = await ConnectionMultiplexer.ConnectAsync(options);
        var store = CreateStore(unreachable);

        var started = TimeProvider.System.GetTimestamp();
        await Assert.ThrowsAnyAsync<Exception>(() => store.IncrementAsync("ainow:rl:x:1", TimeSpan.FromSeconds(120), CancellationToken.None));

        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(2.5));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
