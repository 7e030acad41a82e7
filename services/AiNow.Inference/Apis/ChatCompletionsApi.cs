using AiNow.Contracts.Chat;
using AiNow.Inference.Chat;
using AiNow.Inference.Security;
using AiNow.ServiceDefaults.Http;
using Microsoft.Extensions.Options;

namespace AiNow.Inference.Apis;

/// <summary>
/// <c>POST /v1/chat/completions</c>: checked against the shared <see cref="ChatRequestRules"/> (the api checks the
/// same rules first; checking again here keeps any other caller within the limits) and forwarded to the configured
/// OpenAI-compatible upstream.
/// </summary>
public static class ChatCompletionsApi
{
    private const string Example = "{\"messages\": [{\"role\": \"user\", \"content\": \"Hello\"}]}";

    public static IEndpointRouteBuilder MapChatCompletionsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/chat/completions", CreateChatCompletionAsync)
            .WithName("CreateChatCompletion")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout);
        return app;
    }

    internal static async Task<IResult> CreateChatCompletionAsync(
        HttpRequest request,
        JsonRequestBodyReader bodies,
        ChatCompletionForwarder forwarder,
        IOptions<InferenceOptions> options,
        IOptionsMonitor<UpstreamOptions> upstream,
        CancellationToken cancellationToken)
    {
        var body = await bodies.ReadAsync(request, InferenceJsonContext.Default.JsonObject, Example, cancellationToken);
        if (!body.IsValid)
        {
            return body.Problem;
        }

        var error = ChatRequestRules.FindProblem(body.Value, options.Value.Chat)
                    ?? upstream.CurrentValue.FindModelProblem(body.Value["model"]?.GetValue<string>());
        if (error is not null)
        {
            return TypedResults.Problem($"{error} Example: {Example}",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid chat completion request");
        }

        return await forwarder.ForwardAsync(body.Value, cancellationToken);
    }
}
