using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace AiNow.Publishing.Kubernetes;

/// <summary>
/// A string-keyed map enumerated in ordinal key order, for labels, annotations, selectors and quantities: the
/// output never depends on the order entries were added in. A sorted list rather than a
/// <see cref="SortedDictionary{TKey, TValue}"/>: these maps hold a handful of entries and are walked once, when
/// serialized, where a tree costs an object per entry and a stack per walk, for thousands of objects per publish.
/// </summary>
/// <typeparam name="TValue">The values.</typeparam>
public sealed class SortedKeyDictionary<TValue> : IDictionary<string, TValue>, IReadOnlyDictionary<string, TValue>
{
    private readonly List<KeyValuePair<string, TValue>> _entries = [];

    /// <summary>An empty map.</summary>
    public SortedKeyDictionary()
    {
    }

    /// <summary>A map of <paramref name="entries"/>; a key given twice is refused.</summary>
    public SortedKeyDictionary(IEnumerable<KeyValuePair<string, TValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var (key, value) in entries)
        {
            Add(key, value);
        }
    }

    /// <inheritdoc/>
    public TValue this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"'{key}' is not in the map.");
        set
        {
            var index = IndexOf(key);
            if (index >= 0)
            {
                _entries[index] = new(key, value);
            }
            else
            {
                _entries.Insert(~index, new(key, value));
            }
        }
    }

    /// <summary>The keys in order, as they are now (a read-only copy).</summary>
    public ICollection<string> Keys => _entries.ConvertAll(entry => entry.Key).AsReadOnly();

    /// <summary>The values in key order, as they are now (a read-only copy).</summary>
    public ICollection<TValue> Values => _entries.ConvertAll(entry => entry.Value).AsReadOnly();

    IEnumerable<string> IReadOnlyDictionary<string, TValue>.Keys => Keys;

    IEnumerable<TValue> IReadOnlyDictionary<string, TValue>.Values => Values;

    /// <inheritdoc/>
    public int Count => _entries.Count;

    /// <inheritdoc/>
    public bool IsReadOnly => false;

    /// <inheritdoc/>
    public void Add(string key, TValue value)
    {
        var index = IndexOf(key);
        if (index >= 0)
        {
            throw new ArgumentException($"'{key}' is already in the map.", nameof(key));
        }

        _entries.Insert(~index, new(key, value));
    }

    /// <inheritdoc/>
    public void Add(KeyValuePair<string, TValue> item) => Add(item.Key, item.Value);

    /// <inheritdoc/>
    public void Clear() => _entries.Clear();

    /// <inheritdoc/>
    public bool Contains(KeyValuePair<string, TValue> item) =>
        IndexOf(item.Key) is var index and >= 0 && EqualityComparer<TValue>.Default.Equals(_entries[index].Value, item.Value);

    /// <inheritdoc/>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc/>
    public void CopyTo(KeyValuePair<string, TValue>[] array, int arrayIndex) => _entries.CopyTo(array, arrayIndex);

    /// <inheritdoc/>
    public bool Remove(string key)
    {
        var index = IndexOf(key);
        if (index < 0)
        {
            return false;
        }

        _entries.RemoveAt(index);
        return true;
    }

    /// <inheritdoc/>
    public bool Remove(KeyValuePair<string, TValue> item) => Contains(item) && Remove(item.Key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _entries[index].Value : default;
        return index >= 0;
    }

    /// <summary>The entries in key order.</summary>
    public List<KeyValuePair<string, TValue>>.Enumerator GetEnumerator() => _entries.GetEnumerator();

    IEnumerator<KeyValuePair<string, TValue>> IEnumerable<KeyValuePair<string, TValue>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The key's index, or the bitwise complement of where it would go.</summary>
    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _entries.BinarySearch(new(key, default!), KeyOrder);
    }

    private static readonly Comparer<KeyValuePair<string, TValue>> KeyOrder =
        Comparer<KeyValuePair<string, TValue>>.Create((left, right) => string.CompareOrdinal(left.Key, right.Key));
}
