using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiNow.Publishing.Tests.Delivery;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Terraform;

/// <summary>
/// One target's published add-ons stage as the operator applies it: each release's chart, namespace and
/// <c>--set</c> values from <c>terraform.tfvars</c>, the values documents its <c>main.tf</c> hands to a
/// release, and the configuration files beside it, parsed.
/// </summary>
internal sealed partial class AddOnsStage
{
    private readonly TerraformTree _tree;

    private AddOnsStage(TerraformTree tree, RenderedOverlay overlay)
    {
        _tree = tree;
        Overlay = overlay;
        Root = $"environments/{overlay.Environment.Name}/{overlay.Target.Key}/2-addons";
        Releases = tree.Values(Root)["addons"]!.AsObject();
    }

    public RenderedOverlay Overlay { get; }

    /// <summary>The root's folder under <c>terraform/</c>.</summary>
    public string Root { get; }

    /// <summary>The releases by name (chart, version, namespace, settings).</summary>
    public JsonObject Releases { get; }

    /// <summary>The foundation's <c>terraform.tfvars</c> of the same environment and target.</summary>
    public JsonObject FoundationValues => _tree.Values($"environments/{Overlay.Environment.Name}/{Overlay.Target.Key}/1-foundation");

    public static async Task<AddOnsStage> LoadAsync(PublishedManifests published, string overlay) =>
        new(await published.TerraformTreeAsync(), published.Overlay(overlay));

    /// <summary>The <c>--set</c> values of <paramref name="release"/>, by their Helm path (dots in keys escaped).</summary>
    public IReadOnlyDictionary<string, string> Settings(string release) =>
        Releases[release]!["settings"]!.AsArray().ToDictionary(s => (string)s!["name"]!, s => (string)s!["value"]!, StringComparer.Ordinal);

    /// <summary>A file written beside the root, parsed as YAML.</summary>
    public JsonObject Yaml(string file) => PublishedWorkflows.Parse(Text(file));

    /// <summary>A file written beside the root.</summary>
    public string Text(string file) => File.ReadAllText(Path.Combine(_tree.Root, Root, file));

    /// <summary>
    /// The values documents the root hands to each release: release name to (Helm value path, the file
    /// read into it), from the <c>yamlencode({ a = { b = yamldecode(file(...)) } })</c> expressions in <c>main.tf</c>.
    /// </summary>
    public IReadOnlyDictionary<string, (string Path, string File)> ValueFiles()
    {
        var call = _tree.Blocks(Root, "module")["addons"];
        return Documents().ToDictionary(d => d.Key, d => ValueFile(d.Value.Single(e => e.Contains("yamlencode", StringComparison.Ordinal))), StringComparer.Ordinal);
    }

    /// <summary>The chart settings files each release reads whole as a values document before its configuration (<c>file(...)</c> items).</summary>
    public IReadOnlyDictionary<string, string> SettingsFiles() =>
        Documents()
            .Select(d => (d.Key, Files: d.Value.Where(e => !e.Contains("yamlencode", StringComparison.Ordinal)).Select(e => ReadsWholeFile().Match(e)).Where(m => m.Success).ToList()))
            .Where(d => d.Files.Count > 0)
            .ToDictionary(d => d.Key, d => d.Files.Single().Groups[1].Value, StringComparer.Ordinal);

    // Each release's values documents, as the expressions main.tf lists (one, or several applied in order).
    private Dictionary<string, List<string>> Documents()
    {
        var call = _tree.Blocks(Root, "module")["addons"];
        var values = call["values"]?.AsObject() ?? [];
        return values.ToDictionary(
            v => v.Key,
            v => v.Value is JsonArray list ? list.Select(e => (string)e!).ToList() : [(string)v.Value!],
            StringComparer.Ordinal);
    }

    private static (string Path, string File) ValueFile(string expression)
    {
        var opened = new List<string>();
        foreach (var line in expression.Split('\n').Select(l => l.Trim()))
        {
            if (OpensMap().Match(line) is { Success: true } open)
            {
                opened.Add(open.Groups[1].Value);
            }
            else if (ReadsFile().Match(line) is { Success: true } read)
            {
                return (string.Join('.', opened.Append(read.Groups[1].Value)), read.Groups[2].Value);
            }
        }

        throw new InvalidOperationException($"No file is read into a value in {expression}");
    }

    [GeneratedRegex(@"file\(""\$\{path\.module\}/([^""]+)""\)")]
    private static partial Regex ReadsWholeFile();

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_-]*) = \{$")]
    private static partial Regex OpensMap();

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_-]*) = yamldecode\(file\(""\$\{path\.module\}/([^""]+)""\)\)$")]
    private static partial Regex ReadsFile();
}
