using System.Text.RegularExpressions;

namespace AiNow.Publishing.Tests.Infrastructure;

/// <summary>
/// Renders an External Secrets (v2 engine) template the way the controller would, for the forms the
/// publisher emits: <c>{{ .key }}</c>, <c>{{ .key | urlquery }}</c> and
/// <c>{{ .key | replace "\"" "\"\"" }}</c>. Any other expression fails, so a new form cannot pass
/// unchecked.
/// </summary>
internal static partial class SecretTemplate
{
    /// <summary>Sprig's replace, doubling every double quote (Npgsql's quoting inside a quoted value).</summary>
    private const string QuoteDoubling = "replace \"\\\"\" \"\\\"\\\"\"";

    public static string Render(string template, Func<string, string> valueOf) =>
        Expression().Replace(template, match =>
        {
            var value = valueOf(match.Groups["key"].Value);
            return match.Groups["function"].Value switch
            {
                "" => value,
                "urlquery" => Uri.EscapeDataString(value),
                QuoteDoubling => value.Replace("\"", "\"\"", StringComparison.Ordinal),
                var other => throw new NotSupportedException($"The template function '{other}' is not emulated."),
            };
        }) is var rendered && rendered.Contains("{{", StringComparison.Ordinal)
            ? throw new NotSupportedException($"Unrendered expression left in '{rendered}'.")
            : rendered;

    [GeneratedRegex("""\{\{ \.(?<key>[A-Za-z0-9_]+)(?: \| (?<function>[^}]+?))? ?\}\}""", RegexOptions.CultureInvariant)]
    private static partial Regex Expression();
}
