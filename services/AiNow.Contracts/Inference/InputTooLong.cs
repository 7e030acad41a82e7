using System.Globalization;
using System.Text.Json;

namespace AiNow.Contracts.Inference;

/// <summary>
/// How inference says a text is longer than the model reads, so its callers can tell their own callers which one:
/// a 400 problem whose <c>code</c> extension is <see cref="Code"/> and whose <c>index</c> extension is the text's
/// position in the request. The wording a tenant sees is <see cref="Detail"/>, written by whoever answers the tenant.
/// </summary>
public static class InputTooLong
{
    public const string Code = "input_too_long";

    public const string CodeExtension = "code";

    public const string IndexExtension = "index";

    /// <summary>What a tenant is told about its text at <paramref name="index"/> (<c>input[index]</c> in its own request).</summary>
    public static string Detail(int index) => string.Create(CultureInfo.InvariantCulture,
        $"input[{index}] is longer than the {EmbeddingModel.MaxTokensPerInput} tokens {EmbeddingModel.Name} reads (about 2,000 characters of English). Shorten it or split it into several inputs.");

    /// <summary>The index of the too-long text when <paramref name="problemBody"/> is this problem; otherwise null.</summary>
    public static int? TryReadIndex(string problemBody)
    {
        try
        {
            using var document = JsonDocument.Parse(problemBody);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty(CodeExtension, out var code) && code.ValueKind == JsonValueKind.String && code.GetString() == Code
                && root.TryGetProperty(IndexExtension, out var index) && index.TryGetInt32(out var value) && value >= 0
                ? value
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
