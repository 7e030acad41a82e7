using System.Text.Json;

namespace AiNow.Contracts;

/// <summary>JSON value kinds as problem details name them, so every service words type mistakes alike.</summary>
public static class JsonValueKinds
{
    /// <summary>How a JSON value kind reads in a message: "a string", "an array", ...</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
