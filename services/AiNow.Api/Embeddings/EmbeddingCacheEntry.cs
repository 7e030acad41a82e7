using System.Globalization;

namespace AiNow.Api.Embeddings;

/// <summary>
/// How an <see cref="EmbeddingAnswer"/> is kept in the cache: one header line naming the layout, the vector count, the
/// tokens charged and the body's length, then the response body exactly as it is sent. A hit is then answered by
/// copying the body, where reading it back into floats and writing them out again cost more CPU than the rest of the
/// request; the length is what proves, without reading it, that the body is whole.
/// </summary>
public static class EmbeddingCacheEntry
{
    /// <summary>Names this layout: an entry written in another (an older api's) reads as a miss and is replaced.</summary>
    public const string Layout = "ainow-embeddings-v3";

    public static string Write(EmbeddingAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return string.Create(CultureInfo.InvariantCulture, $"{Layout} {answer.Items} {answer.TotalTokens} {answer.Json.Length}\n{answer.Json}");
    }

    /// <summary>
    /// The answer kept in <paramref name="entry"/> when it is in this layout, holds <paramref name="expectedItems"/>
    /// vectors and its whole body; otherwise null, which the caller treats as a miss, never as an error.
    /// </summary>
    public static EmbeddingAnswer? TryRead(string entry, int expectedItems)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var header = entry.AsSpan(0, Math.Max(0, entry.IndexOf('\n', StringComparison.Ordinal)));
        if (!header.StartsWith(Layout + " ", StringComparison.Ordinal))
        {
            return null;
        }

        // Exactly three numbers: a fourth range would hold whatever follows them.
        var fields = header[(Layout.Length + 1)..];
        Span<Range> numbers = stackalloc Range[4];
        if (fields.Split(numbers, ' ') != 3
            || !int.TryParse(fields[numbers[0]], NumberStyles.None, CultureInfo.InvariantCulture, out var items)
            || !int.TryParse(fields[numbers[1]], NumberStyles.None, CultureInfo.InvariantCulture, out var tokens)
            || !int.TryParse(fields[numbers[2]], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return null;
        }

        var json = entry[(header.Length + 1)..];
        return items == expectedItems && length > 0 && json.Length == length ? new EmbeddingAnswer(json, items, tokens) : null;
    }
}
