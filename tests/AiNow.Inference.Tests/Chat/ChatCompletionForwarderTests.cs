using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AiNow.Inference.Chat;
using AiNow.Inference.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace AiNow.Inference.Tests.Chat;

public sealed class ChatCompletionForwarderTests : IDisposable
{
    private const string Completion = """{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Hi!"}}]}""";

    private readonly TestMetrics _metrics = new();
    private readonly RecordingLogger<ChatCompletionForwarder> _logger = new();

    public void Dispose() => _metrics.Dispose();

    [Fact]
    public async Task ForwardAsync_NotConfigured_Answers503NamingNoSettingAndLogsTheGuidance()
    {
        var upstream = FakeUpstreamHandler.Answering(HttpStatusCode.OK, Completion);
        var forwarder = CreateForwarder(upstream, new UpstreamOptions());

        var result = await forwarder.ForwardAsync(Request(), CancellationToken.None);

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, problem.StatusCode);
        Assert.Equal(UpstreamFailureProblems.UnavailableDetail, problem.ProblemDetails.Detail);
        Assert.DoesNotContain("llm-endpoint", problem.ProblemDetails.Detail, StringComparison.Ordinal);
        Assert.Contains(_logger.Entries, entry => entry.Message.Contains("Parameters__llm-endpoint", StringComparison.Ordinal));
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
    [InlineData(HttpStatusCode.BadRequest, 400, UpstreamFailureProblems.RefusedDetail)]
    [InlineData(HttpStatusCode.NotFound, 404, UpstreamFailureProblems.RefusedDetail)]
    [InlineData(HttpStatusCode.TooManyRequests, 429, UpstreamFailureProblems.BusyDetail)]
    [InlineData(HttpStatusCode.Unauthorized, 502, UpstreamFailureProblems.FailedDetail)]
    [InlineData(HttpStatusCode.Forbidden, 502, UpstreamFailureProblems.FailedDetail)]
    [InlineData(HttpStatusCode.InternalServerError, 502, UpstreamFailureProblems.FailedDetail)]
    [InlineData(HttpStatusCode.ServiceUnavailable, 502, UpstreamFailureProblems.FailedDetail)]
    public async Task ForwardAsync_UpstreamError_AnswersStableProblemAndOnlyLogsTheUpstreamBody(HttpStatusCode upstreamStatus, int status, string detail)
    {
        const string error = """{"error":{"message":"org-internal quota for sk-live-123 exceeded","type":"invalid_request_error"}}""";
        var forwarder = CreateForwarder(FakeUpstreamHandler.Answering(upstreamStatus, error), Configured());

        var result = await forwarder.ForwardAsync(Request(), CancellationToken.None);

        var (actualStatus, contentType, body) = await ExecuteAsync(result);
        Assert.Equal(status, actualStatus);
        Assert.StartsWith("application/problem+json", contentType, StringComparison.Ordinal);
        Assert.Contains(detail, body, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-live-123", body, StringComparison.Ordinal);
        Assert.DoesNotContain("llm.example", body, StringComparison.Ordinal);
        var logged = Assert.Single(_logger.Entries).Message;
        Assert.Contains("llm.example", logged, StringComparison.Ordinal);
        Assert.Contains("sk-live-123", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForwardAsync_HugeUpstreamError_LogsOnlyItsStart()
    {
        var forwarder = CreateForwarder(FakeUpstreamHandler.Answering(HttpStatusCode.BadRequest, new string('e', 100_000)), Configured());

        await forwarder.ForwardAsync(Request(), CancellationToken.None);

        var logged = Assert.Single(_logger.Entries).Message;
        Assert.Contains(new string('e', ChatCompletionForwarder.LoggedErrorBodyCharacters), logged, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('e', ChatCompletionForwarder.LoggedErrorBodyCharacters + 1), logged, StringComparison.Ordinal);
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
    public async Task ForwardAsync_UpstreamUnreachable_Answers502NamingNoHostAndLogsTheCause()
    {
        var cause = new HttpRequestException("Connection refused (llm.example:443)");
        var forwarder = CreateForwarder(FakeUpstreamHandler.Throwing(cause), Configured());

        var result = await forwarder.ForwardAsync(Request(), CancellationToken.None);

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal(StatusCodes.Status502BadGateway, problem.StatusCode);
        Assert.Equal(UpstreamFailureProblems.FailedDetail, problem.ProblemDetails.Detail);
        var logged = Assert.Single(_logger.Entries);
        Assert.Contains("llm.example", logged.Message, StringComparison.Ordinal);
        Assert.Same(cause, logged.Exception);
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
        Assert.DoesNotContain("llm.example", problem.ProblemDetails.Detail, StringComparison.Ordinal);
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
            _logger);

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
        // Problem results resolve their writer from the request's services, as they do in the running service.
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        using var body = new MemoryStream();
        context.Response.Body = body;

        await result.ExecuteAsync(context);

        return (context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(body.ToArray()));
    }
}
