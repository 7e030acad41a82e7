using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AiNow.IntegrationTests;

[Collection(PlatformTests.Name)]
public sealed class LimitsTests(PlatformFixture platform)
{
    [Fact]
    public async Task TwoGatewaysSharingOneRedis_EnforceOneLimit()
    {
        const int limit = 4;
        var tenant = await Tenants.CreateAsync(platform, rateLimitPerMinute: limit);
        await using var second = await SecondInstance.StartAsync(platform, "gateway");
        using var first = tenant.CreateClient(platform);
        using var other = new HttpClient { BaseAddress = second.Address, Timeout = TestTimeouts.Request };
        other.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tenant.ApiKey);

        // Alternating between the replicas, a shared count refuses the (limit + 1)-th request; counts kept
        // per replica would accept 2 x limit.
        var statuses = await MinuteWindow.RunWithinOneMinuteAsync(async () =>
        {
            var seen = new List<HttpStatusCode>();
            while (seen.Count < (2 * limit) + 1 && seen.LastOrDefault() != HttpStatusCode.TooManyRequests)
            {
                using var response = await (seen.Count % 2 == 0 ? first : other).GetAsync("/v1/usage");
                seen.Add(response.StatusCode);
            }

            return seen;
        });

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, limit), HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task RateLimit_OverTheTenantsLimit_Returns429WithRetryAfter()
    {
        const int limit = 3;
        var tenant = await Tenants.CreateAsync(platform, rateLimitPerMinute: limit);
        using var client = tenant.CreateClient(platform);

        var (statuses, refusal) = await MinuteWindow.RunWithinOneMinuteAsync(async () =>
        {
            var accepted = new List<HttpStatusCode>();
            for (var i = 0; i < limit; i++)
            {
                using var response = await client.GetAsync("/v1/usage");
                accepted.Add(response.StatusCode);
            }

            using var refused = await client.GetAsync("/v1/usage");
            return (accepted, await RefusalAsync(refused));
        });

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, limit), statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusal.Status);
        Assert.Equal("application/problem+json", refusal.MediaType);
        using (var problem = JsonDocument.Parse(refusal.Body))
        {
            Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        }

        Assert.NotNull(refusal.RetryAfter);
        Assert.InRange(refusal.RetryAfter.Value.TotalSeconds, 1, 60);
    }

    [Fact]
    public async Task RequestBody_OverTheSizeLimit_Returns413()
    {
        var tenant = await Tenants.CreateAsync(platform);
        using var client = tenant.CreateClient(platform);
        var oversized = new string('a', 2 * 1024 * 1024);

        using var response = await client.PostAsJsonAsync("/v1/embeddings", new { input = oversized });

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    private static async Task<Refusal> RefusalAsync(HttpResponseMessage response) => new(
        response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(), response.Headers.RetryAfter?.Delta);

    /// <summary>What a refused request's answer said, kept past its disposal.</summary>
    private sealed record Refusal(HttpStatusCode Status, string? MediaType, string Body, TimeSpan? RetryAfter);
}
