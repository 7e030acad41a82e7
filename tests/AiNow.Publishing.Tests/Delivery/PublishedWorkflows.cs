using System.Text.Json.Nodes;
using AiNow.Publishing.Delivery;
using YamlDotNet.Serialization;

namespace AiNow.Publishing.Tests.Delivery;

/// <summary>A published workflow as GitHub reads it: its YAML loaded into JSON nodes (every scalar a string).</summary>
internal sealed record WorkflowFile(string Name, string Path, JsonObject Json)
{
    public JsonObject Jobs => Json["jobs"]!.AsObject();

    /// <summary>Every job with its id.</summary>
    public IEnumerable<(string Id, JsonObject Job)> EachJob() => Jobs.Select(j => (j.Key, j.Value!.AsObject()));

    /// <summary>Every step with its job's id.</summary>
    public IEnumerable<(string Job, JsonObject Step)> EachStep() => EachJob().SelectMany(j => j.Job["steps"]!.AsArray().Select(s => (j.Id, s!.AsObject())));

    public override string ToString() => Name;
}

/// <summary>Reads the workflows and <c>images.json</c> of a publish output's <c>delivery/</c> folder.</summary>
internal static class PublishedWorkflows
{
    public static string Folder(string output) => System.IO.Path.Combine(output, DeliveryEmitter.Folder, DeliveryEmitter.WorkflowsFolder);

    public static WorkflowFile Load(string output, string name)
    {
        var path = System.IO.Path.Combine(Folder(output), name + ".yml");
        return new WorkflowFile(name, path, Parse(File.ReadAllText(path)));
    }

    public static IReadOnlyList<WorkflowFile> All(string output) =>
        Directory.EnumerateFiles(Folder(output), "*.yml").Order(StringComparer.Ordinal)
            .Select(p => Load(output, System.IO.Path.GetFileNameWithoutExtension(p)))
            .ToList();

    public static JsonObject Images(string output) =>
        JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(output, DeliveryEmitter.Folder, ReleaseImages.FileName)))!.AsObject();

    /// <summary>YAML text as JSON nodes, the way GitHub's reader sees it (keys and scalars as strings).</summary>
    public static JsonObject Parse(string yaml) => ToJson(new DeserializerBuilder().Build().Deserialize<object>(yaml))!.AsObject();

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        IDictionary<object, object> map => new JsonObject(map.Select(p => KeyValuePair.Create((string)p.Key, ToJson(p.Value)))),
        IList<object> list => new JsonArray(list.Select(ToJson).ToArray()),
        _ => JsonValue.Create(value.ToString()),
    };
}
