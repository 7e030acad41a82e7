namespace AiNow.Publishing.Terraform.Hcl;

/// <summary>Shorthands for literal values: lists of strings, objects and maps in key order.</summary>
internal static class HclValues
{
    /// <summary>A tuple of string literals.</summary>
    public static HclList Strings(IEnumerable<string> items) => new(items.Select(i => (HclExpression)i).ToList());

    /// <summary>An object with its attributes in the order given.</summary>
    public static HclObject Object(params (string Key, HclExpression Value)[] entries) =>
        new(entries.Select(e => new KeyValuePair<string, HclExpression>(e.Key, e.Value)).ToList());

    /// <summary>A map with its keys in ordinal order, so output does not depend on how it was built.</summary>
    public static HclObject Map<T>(IEnumerable<T> items, Func<T, string> key, Func<T, HclExpression> value) =>
        new(items.Select(i => new KeyValuePair<string, HclExpression>(key(i), value(i))).OrderBy(e => e.Key, StringComparer.Ordinal).ToList());
}
