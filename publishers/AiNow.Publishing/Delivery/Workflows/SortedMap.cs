namespace AiNow.Publishing.Delivery.Workflows;

/// <summary>Maps of action inputs and variables, written in key order so the output never depends on how they were built.</summary>
public static class SortedMap
{
    /// <summary>The pairs as a map; a key given twice is a mistake.</summary>
    public static IReadOnlyDictionary<string, string> Of(params IEnumerable<(string Key, string Value)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            if (!map.TryAdd(key, value))
            {
                throw new ArgumentException($"'{key}' is given twice.", nameof(pairs));
            }
        }

        return map;
    }
}
