using System.Net.Http.Headers;
using System.Text.Json;
using AiNow.Api.Chat;
using AiNow.Api.Embeddings;
using AiNow.Api.Http;
using AiNow.Api.Security;
using AiNow.Api.Usage;
using AiNow.Contracts;
using AiNow.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AiNow.Api.Apis;

/// <summary>
/// <c>POST /v1/chat/completions</c>: forwarded to inference as is; its status and body (problems included)
/// come back unchanged. Successful completions are charged their <c>usage.total_tokens</c>.
/// </summary>
public static class ChatApi
{
    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/chat/completions", CompleteAsync).RequirePrincipal(PrincipalKind.Tenant).WithTags("Chat");
        return app;
    }

    private static async Task<IResult> CompleteAsync(
        HttpContext context, JsonRequestBodyReader bodies, ChatCompletionsClient chat, IUsageMeter usage, CancellationToken cancellationToken)
    {
        var body = await bodies.ReadObjectAsync(context.Request, cancellationToken);
        if (!body.IsValid)
        {
            return body.Problem;
        }

        if (!ChatRequestRules.TryValidate(body.Value, out var error))
        {
            return Problems.BadRequest(error);
        }

        HttpResponseMessage upstream;
        try
        {
            upstream = await chat.SendAsync(body.Bytes, cancellationToken);
        }
        catch (InferenceFailedException exception)
        {
            return exception.ToProblem(context.Response, "Chat completion failed");
        }

        using (upstream)
        {
            var status = (int)upstream.StatusCode;
            var contentType = upstream.Content.Headers.ContentType;
            if (IsJson(contentType))
            {
                var bytes = await upstream.Content.ReadAsByteArrayAsync(cancellationToken);
                if (upstream.IsSuccessStatusCode)
                {
                    await usage.RecordAsync(context.GetTenantId(), UsageMeter.ChatCompletions, ReadTotalTokens(bytes));
                }

                context.Response.StatusCode = status;
                context.Response.ContentType = contentType!.ToString();
                await context.Response.Body.WriteAsync(bytes, cancellationToken);
                return Results.Empty;
            }

            // Streams (server-sent events) are relayed as they arrive; their usage, if any, is in the last
            // event, which is not worth parsing here, so a streamed completion is charged as a request.
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType?.ToString();
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await using (var stream = await upstream.Content.ReadAsStreamAsync(cancellationToken))
            {
                await stream.CopyToAsync(context.Response.Body, cancellationToken);
            }

            if (upstream.IsSuccessStatusCode)
            {
                await usage.RecordAsync(context.GetTenantId(), UsageMeter.ChatCompletions, 0);
            }

            return Results.Empty;
        }
    }

    private static bool IsJson(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is { } mediaType
        && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary><c>usage.total_tokens</c> of a completion, or 0 when absent or unreadable.</summary>
    internal static int ReadTotalTokens(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("usage", out var usage)
                   && usage.ValueKind == JsonValueKind.Object
                   && usage.TryGetProperty("total_tokens", out var total)
                   && total.ValueKind == JsonValueKind.Number
                   && total.TryGetInt32(out var tokens)
                   && tokens > 0
                ? tokens
                : 0;
        }
        catch (JsonException)
        {
            return 0;
        }
    }
}
