using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AiNow.IntegrationTests.Chat;

/// <summary>
/// An OpenAI-compatible model provider on a loopback port, for the platform's inference to forward to. It answers
/// by the first message's content: "hang" streams one chunk and then holds the stream open until the caller leaves,
/// "fail" answers 500 with an error body that must never reach a tenant, anything else a short completion that
/// reports <see cref="TotalTokens"/> (in a stream only when asked to include usage, as OpenAI does).
/// </summary>
public sealed class ChatUpstreamStub : IAsyncDisposable
{
    /// <summary>The <c>usage.total_tokens</c> every completion reports.</summary>
    public const int TotalTokens = 42;

    /// <summary>Text in the error body of a failed answer, to look for in what tenants get.</summary>
    public const string ErrorSecret = "provider-internal-detail-7f3a";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonObject> _requests = new();

    private ChatUpstreamStub(WebApplication app) => _app = app;

    /// <summary>The base URL to configure as the upstream endpoint, such as <c>http://127.0.0.1:PORT/v1</c>.</summary>
    public Uri Endpoint => new(_app.Urls.First().TrimEnd('/') + "/v1");

    /// <summary>Every body received, in order.</summary>
    public IReadOnlyList<JsonObject> Requests => [.. _requests];

    public static async Task<ChatUpstreamStub> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new ChatUpstreamStub(app);
        app.MapPost("/v1/chat/completions", stub.AnswerAsync);
        await app.StartAsync(cancellationToken);
        return stub;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!.AsObject();
        _requests.Enqueue(body);
        var content = (string?)body["messages"]?[0]?["content"];
        var response = context.Response;
        if (content == "fail")
        {
            response.StatusCode = StatusCodes.Status500InternalServerError;
            response.ContentType = "application/json";
            await response.WriteAsync("{\"error\":{\"message\":\"" + ErrorSecret + " on " + context.Request.Host + "\"}}", context.RequestAborted);
            return;
        }

        if (body["stream"]?.GetValue<bool>() != true)
        {
            response.ContentType = "application/json";
            await response.WriteAsync(
                """{"id":"c1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Hello"}}],"usage":{"total_tokens":"""
                + TotalTokens + "}}",
                context.RequestAborted);
            return;
        }

        response.ContentType = "text/event-stream";
        await response.WriteAsync("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}}]}\n\n", context.RequestAborted);
        await response.Body.FlushAsync(context.RequestAborted);
        if (content == "hang")
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }

        if (body["stream_options"]?["include_usage"]?.GetValue<bool>() == true)
        {
            await response.WriteAsync("data: {\"choices\":[],\"usage\":{\"total_tokens\":" + TotalTokens + "}}\n\n", context.RequestAborted);
        }

        await response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
