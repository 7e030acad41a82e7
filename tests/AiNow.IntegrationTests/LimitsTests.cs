using System.Net;
using System.Net.Http.Json;

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
        // per replica would accept 2 x limit. A minute boundary inside the run resets the window: run again.
        for (var run = 0; ; run++)
        {
            var startedInMinute = DateTimeOffset.UtcNow.Minute;
            var statuses = new List<HttpStatusCode>();
            while (statuses.Count < (2 * limit) + 1 && statuses.LastOrDefault() != HttpStatusCode.TooManyRequests)
            {
                using var response = await (statuses.Count % 2 == 0 ? first : other).GetAsync("/v1/usage");
                statuses.Add(response.StatusCode);
            }

            if (DateTimeOffset.UtcNow.Minute != startedInMinute && run == 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(61) - TimeSpan.FromSeconds(DateTimeOffset.UtcNow.Second));
                continue;
            }

            Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, limit), HttpStatusCode.TooManyRequests], statuses);
            return;
        }
    }

    [Fact]
    public async Task RateLimit_OverTheTenantsLimit_Returns429WithRetryAfter()
    {
        const int limit = 3;
        var tenant = await Tenants.CreateAsync(platform, rateLimitPerMinute: limit);
        using var client = tenant.CreateClient(platform);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < limit + 3 && limited is null; i++)
        {
            var response = await client.GetAsync("/v1/usage");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        using (limited)
        {
            // A minute window can roll over mid-test, so the first refusal comes after at least `limit` requests.
            Assert.True(statuses.Count > limit, $"Refused too early: {string.Join(", ", statuses)}");
            await ProblemAssertions.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
            var retryAfter = limited.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        }
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
}
