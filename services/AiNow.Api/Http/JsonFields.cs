using System.Text.Json;
using AiNow.Contracts;

namespace AiNow.Api.Http;

/// <summary>
/// Reads named fields of a JSON object with messages that name the field, the expected type and what
/// was sent instead. Field names are matched exactly, as documented.
/// </summary>
public static class JsonFields
{
    /// <summary>Reads a required string field.</summary>
    public static bool TryGetRequiredString(JsonElement body, string name, out string value, out string error)
    {
        value = "";
        error = "";
        if (!body.TryGetProperty(name, out var field) || field.ValueKind == JsonValueKind.Null)
        {
            error = $"'{name}' is required and must be a string.";
            return false;
        }

        if (field.ValueKind != JsonValueKind.String)
        {
            error = $"'{name}' must be a string, not {JsonValueKinds.Describe(field.ValueKind)}.";
            return false;
        }

        value = field.GetString()!;
        return true;
    }

    /// <summary>Reads an optional string field; absent or null gives null.</summary>
    public static bool TryGetOptionalString(JsonElement body, string name, out string? value, out string error)
    {
        value = null;
        error = "";
        if (!body.TryGetProperty(name, out var field) || field.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (field.ValueKind != JsonValueKind.String)
        {
            error = $"'{name}' must be a string, not {JsonValueKinds.Describe(field.ValueKind)}.";
            return false;
        }

        value = field.GetString();
        return true;
    }

    /// <summary>Reads a required whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static bool TryGetRequiredInt32(JsonElement body, string name, int min, int max, out int value, out string error)
    {
        value = 0;
        error = "";
        var expected = $"a whole number from {min} to {max}";
        if (!body.TryGetProperty(name, out var field) || field.ValueKind == JsonValueKind.Null)
        {
            error = $"'{name}' is required: {expected}.";
            return false;
        }

        if (field.ValueKind != JsonValueKind.Number)
        {
            error = $"'{name}' must be {expected}, not {JsonValueKinds.Describe(field.ValueKind)}.";
            return false;
        }

        if (!field.TryGetInt32(out value) || value < min || value > max)
        {
            error = $"'{name}' must be {expected}; {field.GetRawText()} is not.";
            value = 0;
            return false;
        }

        return true;
    }
}
