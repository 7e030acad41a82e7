using System.Text.Json;
using System.Text.Json.Nodes;
using AiNow.Inference.Chat;
using AiNow.ServiceDefaults.Http;

namespace AiNow.Inference.Apis;

/// <summary><c>POST /v1/chat/completions</c>: forwarded to the configured OpenAI-compatible upstream.</summary>
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
        HttpRequest request, JsonRequestBodyReader bodies, ChatCompletionForwarder forwarder, CancellationToken cancellationToken)
    {
        var body = await bodies.ReadAsync(request, InferenceJsonContext.Default.JsonObject, Example, cancellationToken);
        if (!body.IsValid)
        {
            return body.Problem;
        }

        var error = Validate(body.Value);
        if (error is not null)
        {
            return TypedResults.Problem($"{error} Example: {Example}",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid chat completion request");
        }

        return await forwarder.ForwardAsync(body.Value, cancellationToken);
    }

    /// <summary>The first thing wrong with <paramref name="body"/> that no upstream could accept, or null.</summary>
    internal static string? Validate(JsonObject body)
    {
        if (body["model"] is { } model && model.GetValueKind() != JsonValueKind.String)
        {
            return $"'model' must be a string, not {Describe(model)}.";
        }

        switch (body["messages"])
        {
            case null:
                return "'messages' is required: a non-empty array of {\"role\", \"content\"} objects.";
            case JsonArray { Count: 0 }:
                return "'messages' must hold at least one message.";
            case JsonArray messages:
                for (var i = 0; i < messages.Count; i++)
                {
                    if (messages[i] is not JsonObject)
                    {
                        return $"'messages[{i}]' must be an object with 'role' and 'content', not {Describe(messages[i])}.";
                    }
                }

                return null;
            case var other:
                return $"'messages' must be an array of {{\"role\", \"content\"}} objects, not {Describe(other)}.";
        }
    }

    private static string Describe(JsonNode? node) => JsonValueKinds.Describe(node?.GetValueKind() ?? JsonValueKind.Null);
}
