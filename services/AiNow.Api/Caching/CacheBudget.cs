namespace AiNow.Api.Caching;

/// <summary>
/// A group of cache entries that share one budget (one tenant's embeddings): at most <paramref name="MaxEntries"/>
/// entries and <paramref name="MaxBytes"/> bytes of values; past either, the least recently stored or used entries go.
/// </summary>
/// <param name="EntryPrefix">The prefix every entry key of the group starts with.</param>
/// <param name="IndexKey">The sorted set ranking the group's entries by last store or use.</param>
/// <param name="BytesKey">The running total of the group's value bytes.</param>
/// <param name="MaxEntries">Most entries the group keeps.</param>
/// <param name="MaxBytes">Most value bytes the group keeps; a single larger value is not cached at all.</param>
public sealed record CacheBudget(string EntryPrefix, string IndexKey, string BytesKey, int MaxEntries, long MaxBytes)
{
    /// <summary>The member naming <paramref name="key"/> (and its value's size) in the index.</summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> is not one of the group's keys.</exception>
    public string IndexMember(string key, long valueBytes)
    {
        if (!key.StartsWith(EntryPrefix, StringComparison.Ordinal) || key.Length == EntryPrefix.Length)
        {
            throw new ArgumentException($"The cache key '{key}' does not start with its budget's prefix '{EntryPrefix}'.", nameof(key));
        }

        // The size travels in the member so trimming can subtract it without reading the value.
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{key[EntryPrefix.Length..]}|{valueBytes}");
    }
}
