using System.Net;
using System.Net.Http.Headers;
using AiNow.Gateway.RateLimiting;
using AiNow.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace AiNow.Gateway.Tests.EndToEnd;

/// <summary>
/// Two gateway replicas in front of one api, counting on one Redis (Garnet here) through the real counter store:
/// a tenant's limit is one limit across the replicas, not one per replica.
/// </summary>
public sealed class RateLimitAcrossReplicasTests : IAsyncLifetime
{
    private readonly StandInApi _api = new();
    private readonly List<WebApplication> _replicas = [];
    private readonly List<HttpClient> _clients = [];

    // Both replicas read the same minute, half a minute in, so no window ends during the test.
    private readonly FakeTimeProvider _rateLimitClock = new(new DateTimeOffset(2026, 11, 27, 12, 0, 30, TimeSpan.Zero));
    private TemporaryGarnet? _redis;

    public async Task InitializeAsync()
    {
        _redis = await TemporaryGarnet.StartAsync();
        await _api.StartAsync();
        for (var i = 0; i < 2; i++)
        {
            var replica = GatewayApp.Build(_api.Address, _rateLimitClock,
                new Dictionary<string, string?>
                {
                    ["ConnectionStrings:redis"] = _redis.EndPoint,
                    // Far above the 250 ms default: a first script run on a loaded machine can take longer, and a
                    // request let through uncounted would make this test about latency instead of sharing.
                    ["Gateway:RateLimitStoreTimeoutMilliseconds"] = "10000",
                },
                _ => { });
            _replicas.Add(replica);
            await replica.StartAsync();
            await ConnectedAsync(replica.Services.GetRequiredService<IConnectionMultiplexer>());
            _clients.Add(new HttpClient { BaseAddress = new Uri(replica.Urls.Single()), Timeout = TimeSpan.FromSeconds(30) });
        }
    }

    /// <summary>
    /// Waits until the replica's connection is up: until then its limiter fails open (commands fail fast while
    /// disconnected), and a request counted nowhere would prove nothing.
    /// </summary>
    private static async Task ConnectedAsync(IConnectionMultiplexer redis)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!redis.IsConnected)
        {
            Assert.False(deadline.IsCancellationRequested, "A gateway replica did not connect to the local Redis within 30 s.");
            await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        foreach (var replica in _replicas)
        {
            await replica.StopAsync();
            await replica.DisposeAsync();
        }

        await _api.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task TenantRequests_SpreadOverTwoReplicas_AreRefusedOnceTheyTogetherReachTheLimit()
    {
        const int limit = GatewayHostFixture.LimitedTenantRequestsPerMinute;
        var answers = new List<(int Replica, HttpStatusCode Status, string Remaining)>();

        // Alternating replicas: each alone has seen at most half of the requests when the limit is reached.
        for (var i = 0; i < 2 * (limit + 1); i++)
        {
            var replica = i % 2;
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/usage");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GatewayHostFixture.LimitedTenantKey);
            using var response = await _clients[replica].SendAsync(request);
            answers.Add((replica, response.StatusCode, response.Headers.GetValues(RateLimitHeaders.Remaining).Single()));
        }

        Assert.Equal(
            [(0, HttpStatusCode.OK, "1"), (1, HttpStatusCode.OK, "0"), (0, HttpStatusCode.TooManyRequests, "0"),
             (1, HttpStatusCode.TooManyRequests, "0"), (0, HttpStatusCode.TooManyRequests, "0"), (1, HttpStatusCode.TooManyRequests, "0")],
            answers);
        var window = FixedWindowRateLimiter.WindowOf(_rateLimitClock.GetUtcNow());
        var counted = await _redis!.Redis.GetDatabase().HashGetAsync(FixedWindowRateLimiter.CounterKey(GatewayHostFixture.LimitedTenantId), window);
        Assert.Equal(2 * (limit + 1), (long)counted);
    }
}
