using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Terraform;

/// <summary>
/// The keys of one pinned chart's <c>values.yaml</c> that the published settings rely on, with their
/// defaults: a committed extract (<c>validation/fixtures/helm/&lt;chart&gt;-&lt;version&gt;.keys</c>), so a
/// setting the chart does not read fails here rather than being silently ignored by Helm on a cluster.
/// </summary>
internal sealed partial class HelmChartKeys
{
    /// <summary>The marker of a map the chart hands on whole: any key below it is the component's own.</summary>
    private const string WholeMap = "{...}";

    private readonly List<(string[] Path, string Default)> _keys;

    private HelmChartKeys(string name, List<(string[] Path, string Default)> keys)
    {
        Name = name;
        _keys = keys;
    }

    /// <summary>The chart and version (<c>loki-6.34.0</c>).</summary>
    public string Name { get; }

    public static string FixturePath(string chart, string version) =>
        Path.Combine(RepositoryPaths.ValidationScripts, "fixtures", "helm", $"{chart}-{version}.keys");

    public static HelmChartKeys Load(string chart, string version)
    {
        var keys = File.ReadAllLines(FixturePath(chart, version))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(" = ", 2))
            .Select(parts => (Segments(parts[0]), parts[1]))
            .ToList();
        return new HelmChartKeys($"{chart}-{version}", keys);
    }

    /// <summary>
    /// True when the chart reads <paramref name="setting"/> (Helm <c>--set</c> syntax: escaped dots stay in
    /// a key, <c>[n]</c> indexes a list): a key of the extract, an item of a list in it, or a key below a
    /// map it hands on whole.
    /// </summary>
    public bool Reads(string setting)
    {
        var path = Segments(setting);
        return _keys.Any(key => Matches(key.Path, path)
            || (key.Default == "[]" && path.Length == key.Path.Length + 1 && path[^1] == "[]" && Matches(key.Path, path[..^1]))
            || (key.Default == WholeMap && path.Length > key.Path.Length && Matches(key.Path, path[..key.Path.Length])));
    }

    /// <summary>The default of a key, as JSON.</summary>
    public JsonNode? Default(string key) => JsonNode.Parse(_keys.Single(k => string.Join('.', k.Path) == key).Default);

    private static bool Matches(string[] pattern, string[] path) =>
        pattern.Length == path.Length && pattern.Zip(path).All(p => p.First == "*" || p.First == p.Second);

    /// <summary>A Helm path's keys: split on unescaped dots, list indexes as their own <c>[]</c> step.</summary>
    private static string[] Segments(string path) =>
        UnescapedDot().Split(path)
            .SelectMany(segment => Index().Match(segment) is { Success: true } index ? [index.Groups[1].Value, "[]"] : new[] { segment })
            .Select(segment => segment.Replace("\\.", ".", StringComparison.Ordinal))
            .ToArray();

    [GeneratedRegex(@"(?<!\\)\.")]
    private static partial Regex UnescapedDot();

    [GeneratedRegex(@"^(.+)\[\d+\]$")]
    private static partial Regex Index();
}
