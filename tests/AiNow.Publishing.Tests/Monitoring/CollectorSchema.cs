using System.Text.Json.Nodes;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Monitoring;

/// <summary>One allowed key of a component: its path (<c>*</c> for any map key), the shape its value must have, and where it was read.</summary>
/// <param name="Path">The keys from the component's root.</param>
/// <param name="Shape">The value's shape (see <see cref="CollectorSchemaShapes"/>), or null when only the key is checked.</param>
/// <param name="Source">The revision and file the key was read from.</param>
internal sealed record CollectorSchemaKey(string[] Path, string? Shape, string Source)
{
    /// <summary>The path as written in the fixture.</summary>
    public string Dotted => string.Join('.', Path);

    /// <summary>True when <paramref name="path"/> is this key (a <c>*</c> stands for any one map key).</summary>
    public bool Matches(IReadOnlyList<string> path) =>
        Path.Length == path.Count && Path.Zip(path).All(p => p.First == "*" || p.First == p.Second);

    /// <summary>True when <paramref name="path"/> is a section above this key (an empty map written for a section of defaults).</summary>
    public bool IsBelow(IReadOnlyList<string> path) =>
        Path.Length > path.Count && Path.Take(path.Count).Zip(path).All(p => p.First == "*" || p.First == p.Second);
}

/// <summary>The allowed keys of one component type (or of <c>service</c>).</summary>
/// <param name="Type">The component type (<c>googlecloud</c>).</param>
/// <param name="Source">The config struct it follows.</param>
/// <param name="Keys">Its allowed keys.</param>
internal sealed record CollectorComponentSchema(string Type, string Source, IReadOnlyList<CollectorSchemaKey> Keys)
{
    /// <summary>The key <paramref name="path"/> is, or null when the component has no such field.</summary>
    public CollectorSchemaKey? Find(IReadOnlyList<string> path) => Keys.FirstOrDefault(k => k.Matches(path));

    /// <summary>The allowed keys beside <paramref name="path"/> (same parent), to name what a misspelling was meant to be.</summary>
    public IEnumerable<string> Siblings(IReadOnlyList<string> path) =>
        Keys.Where(k => k.IsBelow(path.Take(path.Count - 1).ToList())).Select(k => k.Path[path.Count - 1]).Distinct(StringComparer.Ordinal);
}

/// <summary>
/// The committed extract of the collector's configuration fields
/// (<c>validation/fixtures/otelcol/components-&lt;collector&gt;.json</c>): per component type, the keys a
/// generated <c>collector.yaml</c> may write, each naming the source file it was read from. The collector
/// refuses to start on an unknown key, and no collector binary runs here, so this is the check.
/// </summary>
internal sealed class CollectorSchema
{
    private readonly Dictionary<(string Kind, string Type), CollectorComponentSchema> _components;

    private CollectorSchema(JsonObject root, string file)
    {
        File = file;
        Collector = (string)root["collector"]!;
        ChartName = (string)root["chart"]!["name"]!;
        ChartVersion = (string)root["chart"]!["version"]!;
        Revisions = root["revisions"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);
        TopLevel = Strings(root["topLevel"]!["keys"]!);
        PipelineSignals = Strings(root["pipelineSignals"]!["values"]!);
        ComponentTypePattern = (string)root["componentId"]!["type"]!;
        ComponentNamePattern = (string)root["componentId"]!["name"]!;
        Service = Component("service", root["service"]!.AsObject());
        _components = Kinds
            .Where(kind => root[kind] is JsonObject)
            .SelectMany(kind => root[kind]!.AsObject().Select(p => (Kind: kind, Schema: Component(p.Key, p.Value!.AsObject()))))
            .ToDictionary(c => (c.Kind, c.Schema.Type), c => c.Schema);
    }

    /// <summary>The component sections of a collector configuration.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["receivers", "processors", "exporters", "connectors", "extensions"];

    /// <summary>The folder of the extracts.</summary>
    public static string Folder => Path.Combine(RepositoryPaths.ValidationScripts, "fixtures", "otelcol");

    /// <summary>The extract's path from the repository root, for messages.</summary>
    public string File { get; }

    /// <summary>The collector version the keys were read at.</summary>
    public string Collector { get; }

    /// <summary>The Helm chart whose default image runs <see cref="Collector"/>.</summary>
    public string ChartName { get; }

    /// <summary>The chart version whose appVersion is <see cref="Collector"/>.</summary>
    public string ChartVersion { get; }

    /// <summary>The revisions the sources were read at, by the alias each entry's source starts with.</summary>
    public IReadOnlyDictionary<string, string> Revisions { get; }

    /// <summary>The sections a configuration file may have.</summary>
    public IReadOnlyList<string> TopLevel { get; }

    /// <summary>The signals a pipeline id (<c>logs/audit</c>) may start with.</summary>
    public IReadOnlyList<string> PipelineSignals { get; }

    /// <summary>The pattern a component id's type must match.</summary>
    public string ComponentTypePattern { get; }

    /// <summary>The pattern a component id's name must match.</summary>
    public string ComponentNamePattern { get; }

    /// <summary>The <c>service</c> section's keys.</summary>
    public CollectorComponentSchema Service { get; }

    /// <summary>Every component type of every kind.</summary>
    public IEnumerable<(string Kind, CollectorComponentSchema Schema)> Components => _components.Select(c => (c.Key.Kind, c.Value));

    /// <summary>The single extract in <see cref="Folder"/>: one collector version is pinned at a time.</summary>
    public static CollectorSchema Load()
    {
        var path = Directory.GetFiles(Folder, "components-*.json").Single();
        var schema = new CollectorSchema(JsonNode.Parse(System.IO.File.ReadAllText(path))!.AsObject(), Path.GetRelativePath(RepositoryPaths.Root, path));
        return schema;
    }

    /// <summary>The keys of component <paramref name="type"/> in section <paramref name="kind"/>, or null when the extract has none.</summary>
    public CollectorComponentSchema? Component(string kind, string type) => _components.GetValueOrDefault((kind, type));

    private static CollectorComponentSchema Component(string type, JsonObject component) => new(
        type,
        (string)component["source"]!,
        component["keys"]!.AsArray().Select(k => new CollectorSchemaKey(((string)k!["path"]!).Split('.'), (string?)k["shape"], (string)k["source"]!)).ToList());

    private static string[] Strings(JsonNode array) => array.AsArray().Select(n => (string)n!).ToArray();
}
