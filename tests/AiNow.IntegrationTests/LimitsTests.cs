using System.Net;
using System.Net.Http.Json;

namespace AiNow.IntegrationTests;

[Collection(PlatformTests.Name)]
public sealed class LimitsTests(PlatformFixture platform)
{
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
