using System.Text.Json;

namespace AiNow.Api.Chat;

/// <summary>
/// What one chat completion is charged. The model's own <c>usage.total_tokens</c> when it reports one; otherwise
/// an estimate of one token per four characters of prompt and answer text (the usual ratio for English with
/// OpenAI-style tokenizers), rounded up, so an answer whose usage never arrived (no usage chunk, a broken or
/// abandoned stream) is still charged for what was asked and what was produced so far.
/// </summary>
public sealed class ChatUsageTally(long promptCharacters)
{
    /// <summary>Characters per token in the estimate.</summary>
    public const int CharactersPerEstimatedToken = 4;

    /// <summary>The last positive <c>usage.total_tokens</c> seen, if any.</summary>
    public int? ReportedTokens { get; private set; }

    /// <summary>Characters of answer text seen so far.</summary>
    public long CompletionCharacters { get; private set; }

    /// <summary>Tokens to charge: reported, or estimated from the text seen.</summary>
    public int Tokens => ReportedTokens ?? EstimateTokens(promptCharacters + CompletionCharacters);

    /// <summary>Takes usage and answer text from a completion (<c>choices[].message</c>) or a streamed chunk (<c>choices[].delta</c>).</summary>
    public void Observe(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            Observe(document.RootElement);
        }
        catch (JsonException)
        {
            // Not ours to judge: the bytes reach the client unchanged; they just count for nothing.
        }
    }

    internal static int EstimateTokens(long characters) =>
        (int)Math.Min(int.MaxValue, (characters + CharactersPerEstimatedToken - 1) / CharactersPerEstimatedToken);

    private void Observe(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (root.TryGetProperty("usage", out var usage)
            && usage.ValueKind == JsonValueKind.Object
            && usage.TryGetProperty("total_tokens", out var total)
            && total.ValueKind == JsonValueKind.Number
            && total.TryGetInt32(out var tokens)
            && tokens > 0)
        {
            ReportedTokens = tokens;
        }

        if (root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array)
        {
            foreach (var choice in choices.EnumerateArray())
            {
                CompletionCharacters += ContentCharacters(choice, "message") + ContentCharacters(choice, "delta");
            }
        }
    }

    private static int ContentCharacters(JsonElement choice, string name) =>
        choice.ValueKind == JsonValueKind.Object
        && choice.TryGetProperty(name, out var message)
        && message.ValueKind == JsonValueKind.Object
        && message.TryGetProperty("content", out var content)
        && content.ValueKind == JsonValueKind.String
            ? content.GetString()!.Length
            : 0;
}
