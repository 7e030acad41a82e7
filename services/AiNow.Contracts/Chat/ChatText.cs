using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiNow.Contracts.Chat;

/// <summary>Counts the text in chat message contents: what the limits bound and what usage estimates are made from.</summary>
public static class ChatText
{
    /// <summary>
    /// Characters in a <c>content</c> value: a string's length, or for an array of parts the length of each part's
    /// <c>text</c> (or of a bare string part). Shapes no provider documents are counted as their JSON text, so the
    /// character limit cannot be stepped around by sending text in an odd shape. Non-text parts (images) count nothing.
    /// </summary>
    public static long CharactersOf(JsonNode? content)
    {
        switch (content?.GetValueKind())
        {
            case null or JsonValueKind.Null:
                return 0;
            case JsonValueKind.String:
                return content.GetValue<string>().Length;
            case JsonValueKind.Array:
                long characters = 0;
                foreach (var part in content.AsArray())
                {
                    characters += part switch
                    {
                        JsonObject partObject when partObject["text"] is { } text && text.GetValueKind() == JsonValueKind.String
                            => text.GetValue<string>().Length,
                        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>().Length,
                        _ => 0,
                    };
                }

                return characters;
            default:
                return content.ToJsonString().Length;
        }
    }

    /// <summary>Characters of all message contents in a request body.</summary>
    public static long PromptCharacters(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body["messages"] is JsonArray messages
            ? messages.Sum(message => message is JsonObject m ? CharactersOf(m["content"]) : 0)
            : 0;
    }
}
