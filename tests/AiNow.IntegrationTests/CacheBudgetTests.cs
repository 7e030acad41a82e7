using System.Globalization;
using System.Net;
using System.Net.Http.Json;

namespace AiNow.IntegrationTests;

/// <summary>The per-tenant embeddings cache budget, through the gateway, on the real Redis-compatible store.</summary>
[Collection(PlatformTests.Name)]
public sealed class CacheBudgetTests(PlatformFixture platform)
{
    private const int Budget = PlatformFixture.EmbeddingCacheEntriesPerTenant;
    private const int Limit = 1000;

    [Fact]
    public async Task ATenantStoringPastItsBudget_KeepsOnlyItsMostRecentEntries_AndLeavesOthersEntriesAndItsCounter()
    {
        var quiet = await Tenants.CreateAsync(platform);
        var noisy = await Tenants.CreateAsync(platform, rateLimitPerMinute: Limit);
        using var quietClient = quiet.CreateClient(platform);
        using var noisyClient = noisy.CreateClient(platform);
        var quietText = $"quiet {Guid.NewGuid()}";
        Assert.Equal("miss", await EmbedAsync(quietClient, quietText));

        var texts = Enumerable.Range(0, Budget * 2).Select(i => $"noisy {i} {Guid.NewGuid()}").ToArray();
        var remaining = new List<int>();
        foreach (var text in texts)
        {
            Assert.Equal("miss", await EmbedAsync(noisyClient, text, remaining));
        }

        // The last `Budget` texts are still cached (reading them first: a miss would store and trim again).
        foreach (var text in texts[^Budget..])
        {
            Assert.Equal("hit", await EmbedAsync(noisyClient, text, remaining));
        }

        Assert.Equal("miss", await EmbedAsync(noisyClient, texts[0], remaining));
        Assert.Equal("hit", await EmbedAsync(quietClient, quietText));

        // Trimming the cache never touched the tenant's rate-limit counter: every request counted one more,
        // except where a new minute started the count again.
        foreach (var (earlier, later) in remaining.Zip(remaining.Skip(1)))
        {
            Assert.True(later == earlier - 1 || later == Limit - 1, $"The remaining requests went from {earlier} to {later}: {string.Join(", ", remaining)}");
        }
    }

    private static async Task<string> EmbedAsync(HttpClient client, string text, List<int>? remaining = null)
    {
        using var response = await client.PostAsJsonAsync("/v1/embeddings", new { input = text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        remaining?.Add(int.Parse(response.Headers.GetValues("X-RateLimit-Remaining").Single(), CultureInfo.InvariantCulture));
        return response.Headers.GetValues("X-AiNow-Cache").Single();
    }
}
