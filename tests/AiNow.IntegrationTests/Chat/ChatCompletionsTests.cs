using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AiNow.IntegrationTests.Chat;

/// <summary>Chat completions through the gateway, api and inference to a model provider, and what they are charged.</summary>
[Collection(ChatPlatformTests.Name)]
public sealed class ChatCompletionsTests(ChatPlatformFixture platform)
{
    [Fact]
    public async Task Streamed_IsChargedTheTokensTheModelReports()
    {
        using var client = await platform.CreateTenantClientAsync();
        var asked = platform.Upstream.Requests.Count;

        using var response = await client.PostAsJsonAsync("/v1/chat/completions",
            new { messages = new[] { new { role = "user", content = "Hi" } }, stream = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"content\":\"Hello\"", events, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", events, StringComparison.Ordinal);
        var forwarded = platform.Upstream.Requests[asked];
        Assert.True(forwarded["stream_options"]!["include_usage"]!.GetValue<bool>());
        var (requests, tokens) = await WaitForUsageAsync(client);
        Assert.Equal((1, ChatUpstreamStub.TotalTokens), (requests, tokens));
    }

    [Fact]
    public async Task ClientHangsUpMidStream_TheRequestIsStillCharged()
    {
        using var client = await platform.CreateTenantClientAsync();
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions"))
        {
            request.Content = JsonContent.Create(new { messages = new[] { new { role = "user", content = "hang" } }, stream = true });
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await using var stream = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[16];
            await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(TestTimeouts.Request);
            Assert.StartsWith("data: ", Encoding.UTF8.GetString(buffer), StringComparison.Ordinal);
        }

        // The stub never ends this stream: only the hang-up ends the relay, and what it saw is charged as an estimate.
        var (requests, tokens) = await WaitForUsageAsync(client);
        Assert.Equal(1, requests);
        Assert.True(tokens > 0, $"Expected an estimate of the prompt and the text seen, got {tokens} tokens.");
    }

    [Fact]
    public async Task ProviderFails_TenantGetsAStableProblemWithoutTheProviderBody()
    {
        using var client = await platform.CreateTenantClientAsync();

        using var response = await client.PostAsJsonAsync("/v1/chat/completions",
            new { messages = new[] { new { role = "user", content = "fail" } } });

        var detail = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.Equal("The model provider failed to answer. Retry later.", detail);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(ChatUpstreamStub.ErrorSecret, body, StringComparison.Ordinal);
        Assert.DoesNotContain(platform.Upstream.Endpoint.Authority, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("max_tokens", 100000, "'max_tokens' is 100000, above the limit of 4096 tokens per answer")]
    [InlineData("n", 9, "'n' is 9, above the limit of 4 choices per request")]
    public async Task BeyondPolicy_Is400NamingTheFieldAndLimit_AndNeverReachesTheProvider(string field, int value, string expected)
    {
        using var client = await platform.CreateTenantClientAsync();
        var asked = platform.Upstream.Requests.Count;
        var body = $$"""{"messages":[{"role":"user","content":"Hi"}],"{{field}}":{{value}}}""";

        using var response = await client.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));

        var detail = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, detail, StringComparison.Ordinal);
        Assert.Equal(asked, platform.Upstream.Requests.Count);
    }

    /// <summary>Usage is written behind the request, so it is polled (bounded) until a charge shows.</summary>
    private static async Task<(long Requests, long Tokens)> WaitForUsageAsync(HttpClient client)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Request);
        while (true)
        {
            var usage = await client.GetFromJsonAsync<JsonElement>("/v1/usage", timeout.Token);
            var requests = usage.GetProperty("requests").GetInt64();
            if (requests > 0)
            {
                return (requests, usage.GetProperty("tokens").GetInt64());
            }

            await Task.Delay(250, timeout.Token);
        }
    }
}
