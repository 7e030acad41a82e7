using System.Globalization;

namespace AiNow.Api.Embeddings;

/// <summary>
/// How an <see cref="EmbeddingAnswer"/> is kept in the cache: one header line naming the layout, the vector count and
/// the tokens charged, then the response body exactly as it is sent. A hit is then answered by copying the body,
/// where reading it back into floats and writing them out again cost more CPU than the rest of the request.
/// </summary>
public static class EmbeddingCacheEntry
{
    /// <summary>Names this layout: an entry written in another (an older api's bare JSON) reads as a miss and is replaced.</summary>
    public const string Layout = "ainow-embeddings-v2";

    public static string Write(EmbeddingAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return string.Create(CultureInfo.InvariantCulture, $"{Layout} {answer.Items} {answer.TotalTokens}\n{answer.Json}");
    }

    /// <summary>
    /// The answer kept in <paramref name="entry"/> when it is in this layout, holds <paramref name="expectedItems"/>
    /// vectors and a whole JSON object; otherwise null, which the caller treats as a miss, never as an error.
    /// </summary>
    public static EmbeddingAnswer? TryRead(string entry, int expectedItems)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var header = entry.AsSpan(0, Math.Max(0, entry.IndexOf('\n', StringComparison.Ordinal)));
        if (!header.StartsWith(Layout + " ", StringComparison.Ordinal))
        {
            return null;
        }

        var counts = header[(Layout.Length + 1)..];
        var separator = counts.IndexOf(' ');
        if (separator < 0
            || !int.TryParse(counts[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var items)
            || !int.TryParse(counts[(separator + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var tokens)
            || items != expectedItems)
        {
            return null;
        }

        // The body is sent as it is, unread: one cut short (a damaged or partly written entry) is at least refused.
        var json = entry[(header.Length + 1)..];
        return json.StartsWith('{') && json.EndsWith('}') ? new EmbeddingAnswer(json, items, tokens) : null;
    }
}
