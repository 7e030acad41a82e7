using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AiNow.Inference.Chat;
using AiNow.Inference.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiNow.Inference.Tests.Chat;

public sealed class ChatCompletionForwarderTests : IDisposable
{
    private const string Completion = """{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Hi!"}}]}""";

    private readonly TestMetrics _metrics = new();

    public void Dispose() => _metrics.Dispose();

    [Fact]
    public async Task ForwardAsync_NotConfigured_Answers503WithGuidance()
    {
        var upstream = FakeUpstreamHandler.Answering(HttpStatusCode.OK, Completion);
        var forwarder = CreateForwarder(upstream, new UpstreamOptions());

        var result = await forwarder.ForwardAsync(Request(), CancellationToken.None);

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, problem.StatusCode);
        Assert.Equal(
            "No upstream LLM is configured. Set the 'llm-endpoint' and 'llm-api-key' parameters "
            + "(Parameters__llm-endpoint / Parameters__llm-api-key) and restart.",
            problem.ProblemDetails.Detail);
        Assert.Empty(upstream.Calls);
    }

    [Fact]
    public async Task ForwardAsync_Configured_PostsBodyWithBearerKeyToChatCompletions()
    {
        var upstream = FakeUpstreamHandler.Answering(HttpStatusCode.OK, Completion);
        var forwarder = CreateForwarder(upstream, Configured());

        var result = await forwarder.ForwardAsync(Request(model: "gpt-test"), CancellationToken.None);

        var call = Assert.Single(upstream.Calls);
        Assert.Equal(HttpMethod.Post, call.Method);
        Assert.Equal(new Uri("https://llm.example/v1/chat/completions"), call.Uri);
        Assert.Equal("Bearer secret-key", call.Authorization);
        Assert.Equal("application/json", call.ContentType);
        var sent = JsonNode.Parse(call.Body!)!;
        Assert.Equal("gpt-test", (string?)sent["model"]);
        Assert.Equal("Hello", (string?)sent["messages"]![0]!["content"]);
        Assert.Equal(0.2, (double)sent["temperature"]!);

        var (status, contentType, body) = await ExecuteAsync(result);
        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        Assert.Equal(Completion, body);
    }

    [Fact]
    public async Task ForwardAsync_RequestWithoutModel_UsesConfiguredDefaultModel()
    {
        var upstream = FakeUpstreamHandler.Answering(HttpStatusCode.OK, Completion);
        var forwarder = CreateForwarder(upstream, Configured(model: "default-model"));

        await forwarder.ForwardAsync(Request(), CancellationToken.None);

        Assert.Equal("default-model", (string?)JsonNode.Parse(Assert.Single(upstream.Calls).Body!)!["model"]);
    }

    [Fact]
    public async Task ForwardAsync_RequestWithModel_KeepsItOverTheDefault()
    {
        var upstream = FakeUpstreamHandler.Answering(HttpStatusCode.OK, Completion);
        var forwarder = CreateForwarder(upstream, Configured(model: "default-model"));

        await forwarder.ForwardAsync(Request(model: "chosen-model"), CancellationToken.None);

        Assert.Equal("chosen-model", (string?)JsonNode.Parse(Assert.Single(upstream.Calls).Body!)!["model"]);
    }

    [Fact]
    public async Task ForwardAsync_NoApiKey_SendsNoAuthorization()
    {
        var upstream = FakeUpstreamHandler.Answering(HttpStatusCode.OK, Completion);
        var forwarder = CreateForwarder(upstream, new UpstreamOptions { Endpoint = "http://localhost:11434/v1" });

        await forwarder.ForwardAsync(Request(), CancellationToken.None);

        Assert.Null(Assert.Single(upstream.Calls).Authorization);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task ForwardAsync_UpstreamError_ReturnsItsStatusAndBodyUnchanged(HttpStatusCode status)
    {
        const string error = """{"error":{"message":"upstream says no","type":"invalid_request_error"}}""";
        var forwarder = CreateForwarder(FakeUpstreamHandler.Answering(status, error), Configured());

        var result = await forwarder.ForwardAsync(Request(), CancellationToken.None);

        var (actualStatus, _, body) = await ExecuteAsync(result);
        Assert.Equal((int)status, actualStatus);
        Assert.Equal(error, body);
    }

    [Fact]
    public async Task ForwardAsync_StreamedAnswer_PassesEventStreamThrough()
    {
        const string events = "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: [DONE]\n\n";
        var forwarder = CreateForwarder(FakeUpstreamHandler.Answering(HttpStatusCode.OK, events, "text/event-stream"), Configured());

        var result = await forwarder.ForwardAsync(Request(), CancellationToken.None);

        var (status, contentType, body) = await ExecuteAsync(result);
        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.StartsWith("text/event-stream", contentType, StringComparison.Ordinal);
        Assert.Equal(events, body);
    }

    [Fact]
    public async Task ForwardAsync_UpstreamUnreachable_Answers502()
    {
        var upstream = FakeUpstreamHandler.Throwing(new HttpRequestException("Connection refused (llm.example:443)"));
        var forwarder = CreateForwarder(upstream, Configured());

        var result = await forwarder.ForwardAsync(Request(), CancellationToken.None);

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal(StatusCodes.Status502BadGateway, problem.StatusCode);
        Assert.Contains("llm.example", problem.ProblemDetails.Detail, StringComparison.Ordinal);
        Assert.Contains("Connection refused", problem.ProblemDetails.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForwardAsync_UpstreamTooSlow_Answers504()
    {
        var options = Configured();
        options.Timeout = TimeSpan.FromMilliseconds(200);
        var forwarder = CreateForwarder(FakeUpstreamHandler.NeverAnswering(), options);

        var result = await forwarder.ForwardAsync(Request(), CancellationToken.None);

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal(StatusCodes.Status504GatewayTimeout, problem.StatusCode);
        Assert.Contains("0.2 s", problem.ProblemDetails.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForwardAsync_CallerCancels_PropagatesCancellation()
    {
        var forwarder = CreateForwarder(FakeUpstreamHandler.NeverAnswering(), Configured());
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => forwarder.ForwardAsync(Request(), cancellation.Token));
    }

    private ChatCompletionForwarder CreateForwarder(FakeUpstreamHandler upstream, UpstreamOptions options) =>
        new(new HttpClient(upstream), new FixedOptionsMonitor<UpstreamOptions>(options), _metrics.Metrics,
            NullLogger<ChatCompletionForwarder>.Instance);

    private static UpstreamOptions Configured(string? model = null) =>
        new() { Endpoint = "https://llm.example/v1", ApiKey = "secret-key", Model = model };

    private static JsonObject Request(string? model = null)
    {
        var request = new JsonObject
        {
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hello" }),
            ["temperature"] = 0.2,
        };
        if (model is not null)
        {
            request["model"] = model;
        }

        return request;
    }

    private static async Task<(int Status, string? ContentType, string Body)> ExecuteAsync(IResult result)
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;

        await result.ExecuteAsync(context);

        return (context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(body.ToArray()));
    }
}
