using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiNow.Contracts.Chat;

/// <summary>
/// The one set of rules a chat completion body must meet, checked by the api before it forwards and by
/// inference before it asks the model: the shape no upstream could accept, and the parameters that cost
/// money bounded by <see cref="ChatRequestLimits"/>. Other parameters (temperature, tools, ...) are the model's to judge.
/// </summary>
public static class ChatRequestRules
{
    /// <summary>Parameters that cap the answer's length; both names are in use with OpenAI-compatible models.</summary>
    private static readonly string[] TokenCapFields = ["max_tokens", "max_completion_tokens"];

    /// <summary>The first thing wrong with <paramref name="body"/>, worded for the client with the fix; null when it may be forwarded.</summary>
    public static string? FindProblem(JsonObject body, ChatRequestLimits limits)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(limits);
        return FindModelProblem(body)
               ?? FindMessagesProblem(body, limits)
               ?? FindStreamProblem(body)
               ?? FindCountProblem(body, "n", limits.MaxChoices, "choices per request")
               ?? TokenCapFields.Select(field => FindCountProblem(body, field, limits.MaxTokens, "tokens per answer"))
                   .FirstOrDefault(problem => problem is not null);
    }

    /// <summary>True when the body asks for a streamed (server-sent events) answer.</summary>
    public static bool IsStreamed(JsonObject body) => body["stream"]?.GetValueKind() == JsonValueKind.True;

    private static string? FindModelProblem(JsonObject body) =>
        body["model"] is { } model && model.GetValueKind() != JsonValueKind.String
            ? $"'model' must be a string, not {Describe(model)}."
            : null;

    private static string? FindMessagesProblem(JsonObject body, ChatRequestLimits limits)
    {
        if (body["messages"] is not { } node)
        {
            return "'messages' is required: a non-empty array of {\"role\", \"content\"} objects.";
        }

        if (node is not JsonArray messages)
        {
            return $"'messages' must be an array of {{\"role\", \"content\"}} objects, not {Describe(node)}.";
        }

        if (messages.Count == 0)
        {
            return "'messages' must hold at least one message.";
        }

        if (messages.Count > limits.MaxMessages)
        {
            return $"'messages' holds {messages.Count} messages, above the limit of {limits.MaxMessages}. "
                   + "Send fewer messages, for example by summarising earlier turns.";
        }

        long characters = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is not JsonObject message)
            {
                return $"'messages[{i}]' must be an object with 'role' and 'content', not {Describe(messages[i])}.";
            }

            if (message["role"]?.GetValueKind() != JsonValueKind.String)
            {
                return $"'messages[{i}].role' is required and must be a string such as \"user\".";
            }

            // The content's shape is the model's to judge (providers differ); its size is bounded whatever the shape.
            characters += ChatText.CharactersOf(message["content"]);
        }

        return characters > limits.MaxMessageCharacters
            ? $"'messages' hold {characters} characters of text, above the limit of {limits.MaxMessageCharacters}. "
              + "Send shorter messages or fewer turns."
            : null;
    }

    private static string? FindStreamProblem(JsonObject body)
    {
        if (body["stream"] is { } stream && stream.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            return $"'stream' must be true or false, not {Describe(stream)}.";
        }

        return body["stream_options"] is { } options && options is not JsonObject
            ? $"'stream_options' must be an object such as {{\"include_usage\": true}}, not {Describe(options)}."
            : null;
    }

    /// <summary>A whole-number parameter from 1 to <paramref name="limit"/>; refused (not clamped) so the client knows what it gets.</summary>
    private static string? FindCountProblem(JsonObject body, string field, int limit, string unit)
    {
        if (body[field] is not { } node)
        {
            return null;
        }

        if (node is not JsonValue value || node.GetValueKind() != JsonValueKind.Number || !value.TryGetValue<long>(out var count) || count < 1)
        {
            return $"'{field}' must be a whole number from 1 to {limit}, not {DescribeValue(node)}.";
        }

        return count > limit
            ? $"'{field}' is {count.ToString(CultureInfo.InvariantCulture)}, above the limit of {limit} {unit}. Ask for {limit} or fewer, or leave it out."
            : null;
    }

    private static string DescribeValue(JsonNode node) =>
        node.GetValueKind() == JsonValueKind.Number ? node.ToJsonString() : Describe(node);

    private static string Describe(JsonNode? node) => JsonValueKinds.Describe(node?.GetValueKind() ?? JsonValueKind.Null);
}
