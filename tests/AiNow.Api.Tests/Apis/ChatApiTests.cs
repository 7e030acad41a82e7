using System.IO.Pipelines;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AiNow.Api.Tests.Support;
using AiNow.Contracts;

namespace AiNow.Api.Tests.Apis;

public sealed class ChatApiTests : IAsyncLifetime
{
    private const string Request = """{"model":"any","messages":[{"role":"user","content":"Hi"}],"temperature":0.2}""";
    private const string StreamedRequest = """{"messages":[{"role":"user","content":"Hello there"}],"stream":true,"stream_options":{"continuous_usage_stats":false}}""";

    private ApiTestHost _host = null!;
    private Principal _tenant = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiTestHost.StartAsync();
        _tenant = Principal.ForTenant(_host.Tenants.Add().Id);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Complete_UpstreamSucceeds_RelaysBodyAndChargesTokens()
    {
        const string completion = """{"id":"c1","choices":[{"message":{"role":"assistant","content":"Hello"}}],"usage":{"prompt_tokens":9,"completion_tokens":8,"total_tokens":17}}""";
        _host.Inference.Respond = (_, _) => InferenceResponses.Json(HttpStatusCode.OK, completion);

        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/chat/completions", _tenant, Request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(completion, await response.Content.ReadAsStringAsync());
        var (path, body) = Assert.Single(_host.Inference.Requests);
        Assert.Equal("/v1/chat/completions", path);
        var forwarded = JsonNode.Parse(body)!.AsObject();
        Assert.Equal(4096, (int)forwarded["max_tokens"]!);
        forwarded.Remove("max_tokens");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Request), forwarded), body);
        var record = Assert.Single(_host.Usage.Records);
        Assert.Equal(("chat.completions", 17), (record.Operation, record.Tokens));
    }

    [Theory]
    [InlineData("max_tokens")]
    [InlineData("max_completion_tokens")]
    public async Task Complete_TenantBoundsTheAnswer_IsForwardedByteForByte(string field)
    {
        var bounded = $$"""{"messages":[{"role":"user","content":"Hi"}],  "{{field}}": 100}""";
        _host.Inference.Respond = (_, _) => InferenceResponses.Json(HttpStatusCode.OK, """{"choices":[],"usage":{"total_tokens":3}}""");

        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/chat/completions", _tenant, bounded);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bounded, Assert.Single(_host.Inference.Requests).Body);
    }

    [Fact]
    public async Task Complete_UpstreamWithoutUsage_ChargesEstimateOfPromptAndAnswer()
    {
        // "Hi" (2) + 10 characters of answer = 12 characters: 3 tokens at 4 characters a token.
        _host.Inference.Respond = (_, _) => InferenceResponses.Json(HttpStatusCode.OK, """{"choices":[{"message":{"content":"0123456789"}}]}""");

        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/chat/completions", _tenant, Request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, Assert.Single(_host.Usage.Records).Tokens);
    }

    [Fact]
    public async Task Complete_Streamed_AsksForUsageKeepingTenantOptionsAndChargesReportedTokens()
    {
        const string events =
            "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n"
            + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":32,\"total_tokens\":42}}\n\n"
            + "data: [DONE]\n\n";
        _host.Inference.Respond = (_, _) => InferenceResponses.Json(HttpStatusCode.OK, events, "text/event-stream");

        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/chat/completions", _tenant, StreamedRequest);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(events, await response.Content.ReadAsStringAsync());
        var forwarded = JsonNode.Parse(Assert.Single(_host.Inference.Requests).Body)!;
        Assert.True((bool)forwarded["stream_options"]!["include_usage"]!);
        Assert.False((bool)forwarded["stream_options"]!["continuous_usage_stats"]!);
        Assert.Equal(42, Assert.Single(_host.Usage.Records).Tokens);
    }

    [Fact]
    public async Task Complete_StreamedWithoutUsage_ChargesEstimateOfPromptAndDeltas()
    {
        // "Hello there" (11) + "abcde" (5) = 16 characters: 4 tokens.
        const string events = "data: {\"choices\":[{\"delta\":{\"content\":\"abc\"}}]}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"de\"}}]}\n\ndata: [DONE]\n\n";
        _host.Inference.Respond = (_, _) => InferenceResponses.Json(HttpStatusCode.OK, events, "text/event-stream");

        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/chat/completions", _tenant, StreamedRequest);

        Assert.Equal(events, await response.Content.ReadAsStringAsync());
        Assert.Equal(4, Assert.Single(_host.Usage.Records).Tokens);
    }

    [Fact]
    public async Task Complete_ClientHangsUpMidStream_StillChargesWhatWasProduced()
    {
        var upstream = new Pipe();
        _host.Inference.Respond = (_, _) => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(upstream.Reader.AsStream()) { Headers = { { "Content-Type", "text/event-stream" } } },
        };
        var first = "data: {\"choices\":[{\"delta\":{\"content\":\"" + new string('x', 25) + "\"}}]}\n\n";
        await upstream.Writer.WriteAsync(Encoding.UTF8.GetBytes(first));

        using (var request = _host.Request(HttpMethod.Post, "/v1/chat/completions", _tenant, StreamedRequest))
        using (var response = await _host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            await using var stream = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[first.Length];
            await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(first, Encoding.UTF8.GetString(buffer));
        }

        // The upstream never finishes; only the hang-up ends the relay. "Hello there" (11) + 25 = 36 characters: 9 tokens.
        var record = await WaitForChargeAsync();
        Assert.Equal(("chat.completions", 9), (record.Operation, record.Tokens));
    }

    [Fact]
    public async Task Complete_ClientHangsUpBeforeTheModelAnswers_IsChargedThePromptEstimate()
    {
        _host.Inference.NeverAnswers = true;
        using var hangUp = new CancellationTokenSource();
        using var request = _host.Request(HttpMethod.Post, "/v1/chat/completions", _tenant, StreamedRequest);
        var sending = _host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, hangUp.Token);

        await _host.Inference.Received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await hangUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);

        // "Hello there": 11 characters, 3 tokens at 4 characters each.
        var record = await WaitForChargeAsync();
        Assert.Equal(("chat.completions", 3), (record.Operation, record.Tokens));
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}],"max_tokens":100000}""", "'max_tokens' is 100000, above the limit of 4096")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}],"n":10}""", "'n' is 10, above the limit of 4 choices")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}],"max_completion_tokens":"lots"}""", "'max_completion_tokens' must be a whole number from 1 to 4096, not a string.")]
    [InlineData("""{"messages":[{"content":"Hi"}]}""", "'messages[0].role' is required")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}],"stream":"yes"}""", "'stream' must be true or false")]
    public async Task Complete_BeyondPolicyOrMalformed_Is400WithoutForwardingOrCharging(string body, string detail)
    {
        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/chat/completions", _tenant, body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, detail);
        Assert.Empty(_host.Inference.Requests);
        Assert.Empty(_host.Usage.Records);
    }

    [Theory]
    [InlineData(503, """{"status":503,"detail":"Chat completions are unavailable right now. Retry later."}""")]
    [InlineData(429, """{"status":429,"detail":"The model provider is busy. Retry in a few seconds."}""")]
    public async Task Complete_InferenceProblem_PassesItThroughWithoutCharging(int status, string problem)
    {
        _host.Inference.Respond = (_, _) => InferenceResponses.Json((HttpStatusCode)status, problem, "application/problem+json");

        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/chat/completions", _tenant, Request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(problem, await response.Content.ReadAsStringAsync());
        Assert.Empty(_host.Usage.Records);
    }

    [Theory]
    [InlineData(400, "application/json", """{"error":{"message":"bad model at llm.internal.example"}}""", 400)]
    [InlineData(500, "text/plain", "upstream broke at 10.0.0.7", 502)]
    [InlineData(401, "application/json", """{"error":{"message":"invalid api key sk-123"}}""", 502)]
    public async Task Complete_FailureThatIsNotAProblem_IsReplacedWithoutItsBody(int status, string mediaType, string body, int expected)
    {
        _host.Inference.Respond = (_, _) => InferenceResponses.Json((HttpStatusCode)status, body, mediaType);

        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/chat/completions", _tenant, Request);

        var problem = await ProblemAssert.IsProblemAsync(response, (HttpStatusCode)expected, "");
        Assert.DoesNotContain(body, problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("inference", problem.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_host.Usage.Records);
    }

    [Fact]
    public async Task Complete_InferenceUnreachable_Is503ProblemNamingNoInternalService()
    {
        _host.Inference.Respond = (_, _) => throw new HttpRequestException("Connection refused (inference.test:80)");

        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/chat/completions", _tenant, Request);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "Chat completions are unavailable right now");
        Assert.DoesNotContain("inference", problem.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_host.Usage.Records);
    }

    private async Task<(Guid TenantId, string Operation, int Tokens)> WaitForChargeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (_host.Usage.Records.IsEmpty)
        {
            await Task.Delay(20, timeout.Token);
        }

        return Assert.Single(_host.Usage.Records);
    }
}
