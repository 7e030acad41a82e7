using System.Text.RegularExpressions;

namespace AiNow.Publishing.Tests.Terraform;

/// <summary>
/// The part of the Cloud Logging query language the published sinks and exclusions use: comparisons of a
/// field with a quoted string (<c>=</c>, <c>!=</c>), <c>AND</c>, <c>OR</c>, <c>NOT</c> and parentheses.
/// Anything else is refused, so a filter this cannot read fails the test instead of being guessed at.
/// </summary>
internal static partial class CloudLoggingFilter
{
    /// <summary>True when a log entry with these field values (<c>resource.type</c>, <c>logName</c>, ...) matches <paramref name="filter"/>.</summary>
    public static bool Matches(string filter, IReadOnlyDictionary<string, string> entry)
    {
        var tokens = Token().Matches(filter).Select(m => m.Groups[1].Value).ToList();
        if (string.Concat(Token().Matches(filter).Select(m => m.Value)).Length != filter.Length)
        {
            throw new FormatException($"The filter has syntax this reader does not know: {filter}");
        }

        var position = 0;
        var result = Or(tokens, ref position, entry);
        return position == tokens.Count ? result : throw new FormatException($"Unexpected '{tokens[position]}' in {filter}");
    }

    private static bool Or(List<string> tokens, ref int position, IReadOnlyDictionary<string, string> entry)
    {
        var result = And(tokens, ref position, entry);
        while (position < tokens.Count && tokens[position] == "OR")
        {
            position++;
            result |= And(tokens, ref position, entry);
        }

        return result;
    }

    private static bool And(List<string> tokens, ref int position, IReadOnlyDictionary<string, string> entry)
    {
        var result = Unary(tokens, ref position, entry);
        while (position < tokens.Count && tokens[position] == "AND")
        {
            position++;
            result &= Unary(tokens, ref position, entry);
        }

        return result;
    }

    private static bool Unary(List<string> tokens, ref int position, IReadOnlyDictionary<string, string> entry)
    {
        var token = tokens[position++];
        if (token == "NOT")
        {
            return !Unary(tokens, ref position, entry);
        }

        if (token == "(")
        {
            var inner = Or(tokens, ref position, entry);
            return tokens[position++] == ")" ? inner : throw new FormatException("Unbalanced parentheses.");
        }

        var comparison = Comparison().Match(token);
        if (!comparison.Success)
        {
            throw new FormatException($"Not a comparison: {token}");
        }

        var equal = entry.TryGetValue(comparison.Groups[1].Value, out var value) && value == Regex.Unescape(comparison.Groups[3].Value);
        return comparison.Groups[2].Value == "=" ? equal : !equal;
    }

    [GeneratedRegex(@"\s*(\(|\)|AND\b|OR\b|NOT\b|[A-Za-z_.]+\s*!?=\s*""(?:[^""\\]|\\.)*"")\s*")]
    private static partial Regex Token();

    [GeneratedRegex(@"^([A-Za-z_.]+)\s*(!?=)\s*""((?:[^""\\]|\\.)*)""$")]
    private static partial Regex Comparison();
}
