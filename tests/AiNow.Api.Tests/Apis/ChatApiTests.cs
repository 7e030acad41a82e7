using System.Net;
using AiNow.Api.Apis;
using AiNow.Api.Tests.Support;
using AiNow.Contracts;

namespace AiNow.Api.Tests.Apis;

public sealed class ChatApiTests : IAsyncLifetime
{
    private const string Request = """{"model":"any","messages":[{"role":"user","content":"Hi"}],"temperature":0.2}""";

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
        Assert.Equal(Request, body);
        var record = Assert.Single(_host.Usage.Records);
        Assert.Equal(("chat.completions", 17), (record.Operation, record.Tokens));
    }

    [Fact]
    public async Task Complete_UpstreamWithoutUsage_ChargesRequestOnly()
    {
        _host.Inference.Respond = (_, _) => InferenceResponses.Json(HttpStatusCode.OK, """{"choices":[]}""");

        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/chat/completions", _tenant, Request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, Assert.Single(_host.Usage.Records).Tokens);
    }

    [Theory]
    [InlineData(503, "application/problem+json", """{"status":503,"detail":"No upstream LLM is configured."}""")]
    [InlineData(400, "application/json", """{"error":{"message":"bad model"}}""")]
    [InlineData(429, "application/json", """{"error":{"message":"slow down"}}""")]
    [InlineData(500, "text/plain", "upstream broke")]
    public async Task Complete_UpstreamFails_PassesStatusAndBodyThroughWithoutCharging(int status, string mediaType, string body)
    {
        _host.Inference.Respond = (_, _) => InferenceResponses.Json((HttpStatusCode)status, body, mediaType);

        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/chat/completions", _tenant, Request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
        Assert.Empty(_host.Usage.Records);
    }

    [Fact]
    public async Task Complete_Streamed_RelaysEventsAndChargesRequest()
    {
        const string events = "data: {\"choices\":[]}\n\ndata: [DONE]\n\n";
        _host.Inference.Respond = (_, _) => InferenceResponses.Json(HttpStatusCode.OK, events, "text/event-stream");

        using var response = await _host.SendAsync(
            HttpMethod.Post, "/v1/chat/completions", _tenant, """{"messages":[{"role":"user","content":"Hi"}],"stream":true}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(events, await response.Content.ReadAsStringAsync());
        Assert.Single(_host.Usage.Records);
    }

    [Fact]
    public async Task Complete_InferenceUnreachable_Is503Problem()
    {
        _host.Inference.Respond = (_, _) => throw new HttpRequestException("Connection refused");

        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/chat/completions", _tenant, Request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "not reachable");
        Assert.Empty(_host.Usage.Records);
    }

    [Theory]
    [InlineData("""{"usage":{"total_tokens":17}}""", 17)]
    [InlineData("""{"usage":{"total_tokens":"17"}}""", 0)]
    [InlineData("""{"usage":{"total_tokens":-3}}""", 0)]
    [InlineData("""{"usage":{"total_tokens":1.5}}""", 0)]
    [InlineData("""{"usage":null}""", 0)]
    [InlineData("""{"usage":[]}""", 0)]
    [InlineData("""[]""", 0)]
    [InlineData("""not json""", 0)]
    public void ReadTotalTokens_AnyBody_NeverThrows(string body, int expected)
    {
        Assert.Equal(expected, ChatApi.ReadTotalTokens(System.Text.Encoding.UTF8.GetBytes(body)));
    }
}
