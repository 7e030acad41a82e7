using AiNow.Publishing.Kubernetes;

namespace AiNow.Publishing.Tests.Collections;

/// <summary>The map behind labels, annotations and quantities: key order whatever the order of adding, and a dictionary's contract.</summary>
public sealed class SortedKeyDictionaryTests
{
    [Fact]
    public void Entries_AreEnumeratedInOrdinalKeyOrder_WhateverTheOrderTheyWereAddedIn()
    {
        var map = new SortedKeyDictionary<string> { ["b"] = "2", ["app.kubernetes.io/name"] = "api", ["B"] = "upper", ["a"] = "1" };
        map.Add("aa", "3");

        Assert.Equal(["B", "a", "aa", "app.kubernetes.io/name", "b"], map.Select(entry => entry.Key));
        Assert.Equal(["B", "a", "aa", "app.kubernetes.io/name", "b"], map.Keys);
        Assert.Equal(["upper", "1", "3", "api", "2"], map.Values);
        Assert.Equal(5, map.Count);
        Assert.Throws<NotSupportedException>(() => map.Keys.Add("c"));
        Assert.Throws<NotSupportedException>(() => map.Values.Clear());
    }

    [Fact]
    public void TheIndexer_ReplacesAValue_AndAddRefusesAKeyGivenTwice()
    {
        var map = new SortedKeyDictionary<int> { ["a"] = 1 };
        map["a"] = 2;

        Assert.Equal(2, map["a"]);
        Assert.Single(map);
        var error = Assert.Throws<ArgumentException>(() => map.Add("a", 3));
        Assert.Contains("'a' is already in the map", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SortedKeyDictionary<int>([new("x", 1), new("x", 2)]));
    }

    [Fact]
    public void Lookups_FindWhatIsThere_AndNameAMissingKey()
    {
        var map = new SortedKeyDictionary<string>([new("c", "3"), new("a", "1"), new("b", "2")]);

        Assert.True(map.TryGetValue("b", out var found));
        Assert.Equal("2", found);
        Assert.False(map.TryGetValue("d", out _));
        Assert.True(map.ContainsKey("c"));
        Assert.False(map.ContainsKey("C"));
        Assert.Contains(new KeyValuePair<string, string>("a", "1"), map);
        Assert.DoesNotContain(new KeyValuePair<string, string>("a", "2"), map);
        var error = Assert.Throws<KeyNotFoundException>(() => map["missing"]);
        Assert.Contains("'missing'", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => map.ContainsKey(null!));
    }

    [Fact]
    public void Removing_TakesOnlyTheMatchingEntry()
    {
        var map = new SortedKeyDictionary<string> { ["a"] = "1", ["b"] = "2", ["c"] = "3" };

        Assert.False(map.Remove(new KeyValuePair<string, string>("b", "other")));
        Assert.True(map.Remove(new KeyValuePair<string, string>("b", "2")));
        Assert.False(map.Remove("b"));
        Assert.True(map.Remove("a"));
        Assert.Equal(["c"], map.Keys);

        var copy = new KeyValuePair<string, string>[2];
        map.CopyTo(copy, 1);
        Assert.Equal(new KeyValuePair<string, string>("c", "3"), copy[1]);
        map.Clear();
        Assert.Empty(map);
        Assert.False(map.IsReadOnly);
    }

    [Fact]
    public void ReadOnlyView_SeesTheSameEntries()
    {
        IReadOnlyDictionary<string, int> map = new SortedKeyDictionary<int> { ["z"] = 26, ["m"] = 13 };

        Assert.Equal(["m", "z"], map.Keys);
        Assert.Equal([13, 26], map.Values);
    }
}
