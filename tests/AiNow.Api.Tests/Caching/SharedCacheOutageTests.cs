using System.Net;
using System.Text.Json;
using AiNow.Api.Caching;
using AiNow.Api.Keys;
using AiNow.Api.Tests.Support;
using AiNow.Contracts;
using AiNow.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace AiNow.Api.Tests.Caching;

/// <summary>
/// The api over the real cache client (<see cref="RedisSharedCache"/>) when Redis is unreachable from the start or
/// goes away while the api serves: requests are served from the source of truth, uncached, and still charged.
/// </summary>
public sealed class SharedCacheOutageTests
{
    private const string Hello = """{"input":"hello"}""";

    [Fact]
    public async Task Embed_RedisUnreachable_ServesUncachedAndCharged()
    {
        await using var redis = await UnreachableRedisAsync();
        await using var host = await StartWithTheRealCacheAsync(redis);
        var tenant = Principal.ForTenant(host.Tenants.Add().Id);

        using var first = await host.SendAsync(HttpMethod.Post, "/v1/embeddings", tenant, Hello);
        using var second = await host.SendAsync(HttpMethod.Post, "/v1/embeddings", tenant, Hello);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(["miss", "miss"], [CacheHeader(first), CacheHeader(second)]);
        Assert.Equal(2, host.Inference.Requests.Count);
        Assert.Equal(2, host.Usage.Records.Count);
    }

    [Fact]
    public async Task ResolveKey_RedisUnreachable_ResolvesFromTheStore()
    {
        await using var redis = await UnreachableRedisAsync();
        await using var host = await StartWithTheRealCacheAsync(redis);
        var tenant = host.Tenants.Add();
        var key = ApiKeyGenerator.Create();
        await host.Keys.AddAsync(tenant.Id, key, CancellationToken.None);

        using var response = await host.SendAsync(
            HttpMethod.Post, "/internal/keys/resolve", Principal.Gateway, JsonSerializer.Serialize(new { key = key.Key }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(tenant.Id, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("tenantId").GetGuid());
        Assert.Equal(1, host.Keys.FindCalls);
    }

    [Fact]
    public async Task Embed_RedisGoesAway_ServesUncachedAndCharged()
    {
        var garnet = await TemporaryGarnet.StartAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"{garnet.EndPoint},abortConnect=false");
        await using var host = await StartWithTheRealCacheAsync(redis);
        var tenant = Principal.ForTenant(host.Tenants.Add().Id);
        try
        {
            using var miss = await host.SendAsync(HttpMethod.Post, "/v1/embeddings", tenant, Hello);
            using var hit = await host.SendAsync(HttpMethod.Post, "/v1/embeddings", tenant, Hello);
            Assert.Equal(["miss", "hit"], [CacheHeader(miss), CacheHeader(hit)]);
        }
        finally
        {
            await garnet.DisposeAsync();
        }

        using var afterwards = await host.SendAsync(HttpMethod.Post, "/v1/embeddings", tenant, Hello);

        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        Assert.Equal("miss", CacheHeader(afterwards));
        Assert.Equal(2, host.Inference.Requests.Count);
        Assert.Equal(3, host.Usage.Records.Count);
    }

    /// <summary>A connection to a port nothing listens on, as the api holds one while Redis is down.</summary>
    private static async Task<ConnectionMultiplexer> UnreachableRedisAsync() =>
        await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{LoopbackPorts.Free()},abortConnect=false,connectTimeout=200");

    private static async Task<ApiTestHost> StartWithTheRealCacheAsync(IConnectionMultiplexer redis)
    {
        var host = await ApiTestHost.StartAsync(useRealServices: services =>
        {
            services.AddSingleton(redis);
            services.AddSingleton<ISharedCache, RedisSharedCache>();
        });
        host.Inference.Respond = (_, body) => InferenceResponses.Embeddings(body);
        return host;
    }

    private static string CacheHeader(HttpResponseMessage response) => response.Headers.GetValues("X-AiNow-Cache").Single();
}
