using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace AiNow.IntegrationTests.Faults;

/// <summary>
/// Redis (Garnet here) is a cache and a rate-limit counter, never the source of truth: while it hangs or is
/// gone, gateway and api keep answering within <see cref="ServedWithin"/> (key lookups fall back to PostgreSQL,
/// the limiter fails open), and caching resumes by itself when it returns.
/// </summary>
[Collection(PlatformTests.Name)]
[Trait("Category", "Fault")]
public sealed class RedisFaultTests(PlatformFixture platform, ITestOutputHelper output)
{
    public static readonly TimeSpan ServedWithin = TimeSpan.FromSeconds(3);

    /// <summary>From Redis answering again to the cache serving hits, with no restart of anything.</summary>
    public static readonly TimeSpan ResumesWithin = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(ResourceFault.Stalled)]
    [InlineData(ResourceFault.Stopped)]
    public async Task Requests_WhileRedisFails_AreServedAndCachingResumes(ResourceFault fault)
    {
        var probe = new FaultProbe(output, $"redis {fault.ToString().ToLowerInvariant()}");
        await RunAsync(probe, () => platform.FailAsync("redis", fault));
    }

    private async Task RunAsync(FaultProbe probe, Func<Task<IAsyncDisposable>> fail)
    {
        var tenant = await Tenants.CreateAsync(platform);
        using var client = tenant.CreateClient(platform);
        var warm = $"warm {Guid.NewGuid():N}";
        await probe.EmbedAsync(client, warm, TestTimeouts.Request);
        await probe.EmbedAsync(client, warm, TestTimeouts.Request);
        var served = 2;

        var restore = await fail();
        TestTenant newcomer;
        try
        {
            for (var i = 0; i < 5; i++)
            {
                await probe.EmbedAsync(client, $"during {i} {Guid.NewGuid():N}", ServedWithin);
                served++;
            }

            await probe.EmbedAsync(client, warm, ServedWithin);
            served++;

            // A key the gateway has never seen is resolved by the api from PostgreSQL.
            newcomer = await Tenants.CreateAsync(platform);
            using var newcomerClient = newcomer.CreateClient(platform);
            await probe.EmbedAsync(newcomerClient, "a first request with a new key", ServedWithin);
        }
        finally
        {
            await restore.DisposeAsync();
        }

        await probe.RecoversAsync("the embeddings cache", ResumesWithin, async () =>
        {
            var text = $"after {Guid.NewGuid():N}";
            using var first = await probe.EmbedAsync(client, text, ServedWithin);
            using var second = await probe.EmbedAsync(client, text, ServedWithin);
            served += 2;
            return second.Headers.GetValues("X-AiNow-Cache").Single() == "hit";
        });

        // Every request served while the cache was away was charged.
        var usage = await client.GetFromJsonAsync<JsonElement>("/v1/usage");
        Assert.Equal(served, usage.GetProperty("requests").GetInt64());
        probe.Summarize();
    }
}
