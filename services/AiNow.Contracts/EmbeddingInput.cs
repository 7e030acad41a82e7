using System.Text.Json;

namespace AiNow.Contracts;

/// <summary>
/// Turns the raw <c>input</c> of an embeddings request into a list of texts, or says exactly what
/// is wrong with it. Every service that accepts texts validates them here, so they agree.
/// </summary>
public static class EmbeddingInput
{
    /// <summary>
    /// Validates <paramref name="input"/>; on failure <paramref name="error"/> says what is wrong and how to fix it.
    /// Besides at most <paramref name="maxItems"/> texts of at most <see cref="EmbeddingModel.MaxInputLength"/>
    /// characters each, the texts together may hold at most <see cref="MaxTotalCharacters"/> characters.
    /// </summary>
    public static bool TryRead(JsonElement input, int maxItems, out IReadOnlyList<string> texts, out string error)
    {
        texts = [];
        error = "";
        switch (input.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                error = "'input' is required: a string or an array of strings.";
                return false;
            case JsonValueKind.String:
                if (!TryGetText(input, out var single))
                {
                    error = "'input' is not valid text: it holds an unpaired UTF-16 surrogate escape.";
                    return false;
                }

                return TryAccept([single], maxItems, out texts, out error);
            case JsonValueKind.Array:
                var items = new List<string>(input.GetArrayLength());
                foreach (var item in input.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        error = $"'input[{items.Count}]' must be a string, not {Describe(item.ValueKind)}.";
                        return false;
                    }

                    if (!TryGetText(item, out var text))
                    {
                        error = $"'input[{items.Count}]' is not valid text: it holds an unpaired UTF-16 surrogate escape.";
                        return false;
                    }

                    items.Add(text);
                }

                return TryAccept(items, maxItems, out texts, out error);
            default:
                error = $"'input' must be a string or an array of strings, not {Describe(input.ValueKind)}.";
                return false;
        }
    }

    /// <summary>Checks the model name: absent means the default; anything else must be the served model.</summary>
    public static bool TryReadModel(string? model, out string resolved, out string error)
    {
        resolved = EmbeddingModel.Name;
        error = "";
        if (model is null || model == EmbeddingModel.Name)
        {
            return true;
        }

        error = $"Unknown model '{model}'. This deployment serves '{EmbeddingModel.Name}'.";
        return false;
    }

    /// <summary>
    /// The characters all texts of one call may hold together: a call of up to <see cref="EmbeddingModel.MaxInputsPerRequest"/>
    /// texts is a synchronous request (<see cref="EmbeddingModel.MaxCharactersPerRequest"/>); a larger one is a batch
    /// job or a chunk of one (<see cref="EmbeddingModel.MaxCharactersPerBatch"/>), so the worker's chunks of an accepted
    /// job are always accepted by inference.
    /// </summary>
    public static int MaxTotalCharacters(int maxItems) =>
        maxItems <= EmbeddingModel.MaxInputsPerRequest ? EmbeddingModel.MaxCharactersPerRequest : EmbeddingModel.MaxCharactersPerBatch;

    private static bool TryAccept(List<string> items, int maxItems, out IReadOnlyList<string> texts, out string error)
    {
        texts = items;
        error = "";
        if (items.Count == 0)
        {
            error = "'input' must hold at least one text.";
            return false;
        }

        if (items.Count > maxItems)
        {
            error = $"'input' holds {items.Count} texts; at most {maxItems} are accepted per request. Send the rest in further requests.";
            return false;
        }

        var maxTotal = MaxTotalCharacters(maxItems);
        long total = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(items[i]))
            {
                error = $"'input[{i}]' is empty; every text needs at least one non-blank character.";
                return false;
            }

            if (items[i].Length > EmbeddingModel.MaxInputLength)
            {
                error = $"'input[{i}]' has {items[i].Length} characters; at most {EmbeddingModel.MaxInputLength} are accepted. " +
                    "Shorten the text or split it into several texts.";
                return false;
            }

            total += items[i].Length;
            if (total > maxTotal)
            {
                var all = items.Sum(static text => (long)text.Length);
                error = $"'input' holds {all} characters in all, passing the limit of {maxTotal} at 'input[{i}]'; " +
                    $"at most {maxTotal} characters are accepted across the texts of one {(maxItems <= EmbeddingModel.MaxInputsPerRequest ? "request" : "batch job")}. " +
                    "Send fewer or shorter texts, or split them across requests.";
                return false;
            }

            // A batch's texts are stored as PostgreSQL jsonb, which cannot hold U+0000; refused here, the same for
            // every endpoint, rather than failing the store. It is no character of any text a model reads.
            if (items[i].Contains('\0', StringComparison.Ordinal))
            {
                error = $"'input[{i}]' holds a NUL character (\\u0000 at position {items[i].IndexOf('\0', StringComparison.Ordinal)}); remove it, it is not text.";
                return false;
            }
        }

        return true;
    }

    // JSON may escape a lone surrogate ("\uD800"), which no string can hold: GetString throws on it.
    private static bool TryGetText(JsonElement element, out string text)
    {
        try
        {
            text = element.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
