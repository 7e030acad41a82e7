using System.Text.Json;
using AiNow.Api.Http;
using AiNow.ServiceDefaults.Http;

namespace AiNow.Api.Chat;

/// <summary>
/// The minimum a chat completion body needs before it is worth forwarding. Everything else (model names,
/// parameters) is the upstream model's to judge, and its problems are passed back unchanged.
/// </summary>
public static class ChatRequestRules
{
    public static bool TryValidate(JsonElement body, out string error)
    {
        error = "";
        if (!body.TryGetProperty("messages", out var messages) || messages.ValueKind == JsonValueKind.Null)
        {
            error = "'messages' is required: an array of {\"role\", \"content\"} objects.";
            return false;
        }

        if (messages.ValueKind != JsonValueKind.Array)
        {
            error = $"'messages' must be an array of {{\"role\", \"content\"}} objects, not {JsonValueKinds.Describe(messages.ValueKind)}.";
            return false;
        }

        if (messages.GetArrayLength() == 0)
        {
            error = "'messages' must hold at least one message.";
            return false;
        }

        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object)
            {
                error = $"'messages[{index}]' must be an object with 'role' and 'content', not {JsonValueKinds.Describe(message.ValueKind)}.";
                return false;
            }

            if (!message.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
            {
                error = $"'messages[{index}].role' is required and must be a string such as \"user\".";
                return false;
            }

            index++;
        }

        if (body.TryGetProperty("stream", out var stream) && stream.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
        {
            error = $"'stream' must be true or false, not {JsonValueKinds.Describe(stream.ValueKind)}.";
            return false;
        }

        return JsonFields.TryGetOptionalString(body, "model", out _, out error);
    }
}
