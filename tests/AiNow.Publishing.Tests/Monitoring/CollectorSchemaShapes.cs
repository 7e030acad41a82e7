using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AiNow.Publishing.Tests.Monitoring;

/// <summary>
/// The value shapes the collector's config structs constrain (a Go <c>time.Duration</c> field fails to
/// decode on <c>5 seconds</c>, a uint32 on <c>-1</c>), checked on the strings the YAML reader yields.
/// </summary>
internal static partial class CollectorSchemaShapes
{
    private const string EnumPrefix = "enum:";

    /// <summary>What is wrong with <paramref name="value"/> for <paramref name="shape"/>, or null when it fits.</summary>
    public static string? Problem(string shape, JsonNode? value, CollectorSchema schema) => shape switch
    {
        "duration" => Scalar(value) is { } text && IsGoDuration(text) ? null : "is not a Go duration (time.ParseDuration: 5s, 1m30s, 250ms)",
        "hostPort" => Scalar(value) is { } text && IsHostPort(text) ? null : "is not host:port with a port in 1-65535",
        "url" => Scalar(value) is { } text && IsHttpUrl(text) ? null : "is not an absolute http(s) URL",
        "nonEmpty" => string.IsNullOrWhiteSpace(Scalar(value)) ? "is empty" : null,
        "bool" => Scalar(value) is "true" or "false" ? null : "is not true or false",
        "uint" => uint.TryParse(Scalar(value), NumberStyles.None, CultureInfo.InvariantCulture, out _) ? null : "is not an unsigned 32-bit integer",
        "percentage" => uint.TryParse(Scalar(value), NumberStyles.None, CultureInfo.InvariantCulture, out var share) && share <= 100 ? null : "is not a percentage (0-100)",
        "stringList" => value is JsonArray list && list.All(item => !string.IsNullOrWhiteSpace(Scalar(item))) ? null : "is not a list of non-empty strings",
        "componentIds" => value is JsonArray ids && ids.All(id => Scalar(id) is { } text && ComponentIdProblem(text, schema) is null) ? null : "is not a list of component ids (type[/name])",
        _ when shape.StartsWith(EnumPrefix, StringComparison.Ordinal) => shape[EnumPrefix.Length..].Split('|').Contains(Scalar(value)) ? null : $"is not one of {shape[EnumPrefix.Length..]}",
        _ => throw new InvalidOperationException($"Unknown shape '{shape}' in {schema.File}."),
    };

    /// <summary>What is wrong with a component id (<c>type</c> or <c>type/name</c>), or null when the collector parses it.</summary>
    public static string? ComponentIdProblem(string id, CollectorSchema schema)
    {
        var (type, name) = id.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? (id[..slash], id[(slash + 1)..]) : (id, (string?)null);
        if (!Regex.IsMatch(type, schema.ComponentTypePattern))
        {
            return $"type '{type}' does not match {schema.ComponentTypePattern}";
        }

        return name is null || Regex.IsMatch(name, schema.ComponentNamePattern) ? null : $"name '{name}' does not match {schema.ComponentNamePattern}";
    }

    /// <summary>
    /// True when Go's <c>time.ParseDuration</c> accepts <paramref name="text"/>: <c>0</c>, or an optionally
    /// signed run of decimal numbers each followed by a unit (ns, us, µs, ms, s, m, h).
    /// </summary>
    public static bool IsGoDuration(string text) => text == "0" || GoDuration().IsMatch(text);

    /// <summary>True for <c>host:port</c> (a name, an IPv4 address or a bracketed IPv6 one) with a port in 1-65535.</summary>
    public static bool IsHostPort(string text) =>
        HostPort().Match(text) is { Success: true } match
        && int.TryParse(match.Groups["port"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
        && port is >= 1 and <= 65535;

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;

    /// <summary>A scalar's text; null for a map, a list or a missing value.</summary>
    private static string? Scalar(JsonNode? value) => value is JsonValue scalar && scalar.TryGetValue<string>(out var text) ? text : null;

    [GeneratedRegex(@"^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$")]
    private static partial Regex GoDuration();

    [GeneratedRegex(@"^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]):(?<port>\d{1,5})$")]
    private static partial Regex HostPort();
}
