using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AiNow.Api.Chat;
using AiNow.Api.Embeddings;
using AiNow.Api.Http;
using AiNow.Api.Security;
using AiNow.Api.Usage;
using AiNow.Contracts;
using AiNow.Contracts.Chat;
using AiNow.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AiNow.Api.Apis;

/// <summary>
/// <c>POST /v1/chat/completions</c>: checked against the shared <see cref="ChatRequestRules"/> and forwarded to
/// inference. Every answered completion, plain or streamed, is charged its <c>usage.total_tokens</c> (streams are
/// made to report it), or the estimate of <see cref="ChatUsageTally"/> when none arrives; a client hanging up
/// does not stop the charge. Inference's problems come back as they are; any other failure becomes a problem
/// that names nothing behind the api.
/// </summary>
public static partial class ChatApi
{
    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/chat/completions", CompleteAsync).RequirePrincipal(PrincipalKind.Tenant).WithTags("Chat");
        return app;
    }

    private static async Task<IResult> CompleteAsync(
        HttpContext context,
        JsonRequestBodyReader bodies,
        ChatCompletionsClient chat,
        IUsageMeter usage,
        IOptions<ApiOptions> options,
        CancellationToken cancellationToken)
    {
        var body = await bodies.ReadObjectAsync(context.Request, cancellationToken);
        if (!body.IsValid)
        {
            return body.Problem;
        }

        var request = JsonObject.Create(body.Value)!;
        if (ChatRequestRules.FindProblem(request, options.Value.Chat) is { } error)
        {
            return Problems.BadRequest(error);
        }

        // A body the policy leaves unchanged is forwarded byte for byte.
        var capped = CompletionTokenCap.ApplyTo(request, options.Value.Chat.MaxTokens);
        var streamed = ChatRequestRules.IsStreamed(request);
        if (streamed)
        {
            StreamUsageOption.Require(request);
        }

        var forwarded = capped || streamed ? Encoding.UTF8.GetBytes(request.ToJsonString()) : body.Bytes;

        HttpResponseMessage upstream;
        try
        {
            upstream = await chat.SendAsync(forwarded, cancellationToken);
        }
        catch (InferenceFailedException exception)
        {
            return exception.ToProblem(context.Response, "Chat completion failed");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client hung up before the model answered; the model had the prompt and is likely working on it
            // (and billing it), so the prompt's estimate is charged.
            await usage.RecordAsync(context.GetTenantId(), UsageMeter.ChatCompletions, new ChatUsageTally(ChatText.PromptCharacters(request)).Tokens);
            throw;
        }

        using (upstream)
        {
            if (!upstream.IsSuccessStatusCode)
            {
                return await RelayFailureAsync(context, upstream, cancellationToken);
            }

            var tally = new ChatUsageTally(ChatText.PromptCharacters(request));
            try
            {
                await RelayCompletionAsync(context, upstream, tally, cancellationToken);
            }
            finally
            {
                // Charged whatever happened to the relay: the model worked from the moment it answered. The meter
                // takes no cancellation token, so a client that hung up (the request token cancelled) is charged too.
                await usage.RecordAsync(context.GetTenantId(), UsageMeter.ChatCompletions, tally.Tokens);
            }

            return Results.Empty;
        }
    }

    private static async Task RelayCompletionAsync(
        HttpContext context, HttpResponseMessage upstream, ChatUsageTally tally, CancellationToken cancellationToken)
    {
        var contentType = upstream.Content.Headers.ContentType;
        context.Response.StatusCode = (int)upstream.StatusCode;
        context.Response.ContentType = contentType?.ToString();
        if (IsJson(contentType))
        {
            var bytes = await upstream.Content.ReadAsByteArrayAsync(cancellationToken);
            tally.Observe(bytes);
            await context.Response.Body.WriteAsync(bytes, cancellationToken);
            return;
        }

        // Server-sent events, relayed byte for byte as they arrive. The usage-only chunk the model sends because we
        // asked for it ("choices": []) is relayed too, even to a tenant that did not ask: OpenAI clients accept it,
        // and removing it would mean rewriting the stream instead of passing it through.
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            await using var stream = await upstream.Content.ReadAsStreamAsync(cancellationToken);
            await ChatStreamRelay.RelayAsync(stream, context.Response.Body, new ServerSentEventScanner(tally), cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            // The status line is sent, so no problem can follow; cutting the connection tells the client the
            // stream is incomplete instead of letting it look whole.
            LogStreamBroken(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ChatApi)), exception);
            context.Abort();
        }
    }

    /// <summary>
    /// Inference's own problems are passed on (they are worded for tenants); anything else is replaced, since a
    /// body that is not inference's problem could carry whatever an intermediary or the model provider said.
    /// </summary>
    private static async Task<IResult> RelayFailureAsync(HttpContext context, HttpResponseMessage upstream, CancellationToken cancellationToken)
    {
        var status = (int)upstream.StatusCode;
        var contentType = upstream.Content.Headers.ContentType;
        if (contentType?.MediaType?.Equals("application/problem+json", StringComparison.OrdinalIgnoreCase) == true)
        {
            var bytes = await upstream.Content.ReadAsByteArrayAsync(cancellationToken);
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType.ToString();
            if (upstream.Headers.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter.ToString();
            }

            await context.Response.Body.WriteAsync(bytes, cancellationToken);
            return Results.Empty;
        }

        return status is >= 400 and < 500 and not (StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
            ? Problems.Create(status, "Chat completion refused", "The chat completion request was refused. Check the request against the API documentation.")
            : Problems.BadGateway(ChatCompletionsClient.UnavailableDetail);
    }

    private static bool IsJson(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is { } mediaType
        && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    [LoggerMessage(Level = LogLevel.Warning, Message = "A streamed chat completion broke off before its end")]
    private static partial void LogStreamBroken(ILogger logger, Exception exception);
}
