using System.Text.Json.Nodes;

namespace AiNow.Publishing.Tests.Infrastructure;

/// <summary>
/// A published <c>terraform/</c> folder parsed by HashiCorp's HCL parser (hcl2json): every
/// <c>.tf</c>, <c>.tfvars</c> and <c>backend.hcl</c> as JSON, keyed by its path relative to the folder.
/// Expressions stay as <c>${...}</c> strings; literals are JSON values.
/// </summary>
internal sealed class TerraformTree
{
    private TerraformTree(string root, IReadOnlyDictionary<string, JsonObject> files)
    {
        Root = root;
        Files = files;
    }

    public string Root { get; }

    public IReadOnlyDictionary<string, JsonObject> Files { get; }

    /// <summary>The module folders (<c>modules/aws/foundation</c>).</summary>
    public IEnumerable<string> Modules => Folders("modules/");

    /// <summary>The root folders (<c>environments/production/aws/1-foundation</c>, <c>bootstrap/aws-us-east-1</c>, <c>accounts/aws-us-east-1</c>).</summary>
    public IEnumerable<string> Roots => Folders("environments/").Concat(Folders("bootstrap/")).Concat(Folders("accounts/"));

    public static async Task<TerraformTree> ParseAsync(string root)
    {
        var paths = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".tf", StringComparison.Ordinal) || p.EndsWith(".tfvars", StringComparison.Ordinal) || p.EndsWith(".hcl", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var (exitCode, output, error) = await NodeScripts.RunAsync("hcl2json.mjs", paths);
        Assert.True(exitCode == 0, $"HashiCorp's HCL parser rejected a published file: {error}");
        var parsed = JsonNode.Parse(output)!.AsObject();
        return new TerraformTree(root, parsed.ToDictionary(
            p => Path.GetRelativePath(root, p.Key).Replace('\\', '/'),
            p => p.Value!.AsObject(),
            StringComparer.Ordinal));
    }

    /// <summary>The parsed files directly in <paramref name="folder"/>.</summary>
    public IEnumerable<(string Path, JsonObject Json)> In(string folder) =>
        Files.Where(f => f.Key.StartsWith(folder + "/", StringComparison.Ordinal) && !f.Key[(folder.Length + 1)..].Contains('/', StringComparison.Ordinal))
            .Select(f => (f.Key, f.Value));

    /// <summary>The top-level blocks of one type in <paramref name="folder"/> (<c>variable</c>, <c>output</c>, <c>module</c>): name to body.</summary>
    public Dictionary<string, JsonObject> Blocks(string folder, string type) =>
        In(folder).Where(f => f.Path.EndsWith(".tf", StringComparison.Ordinal))
            .SelectMany(f => f.Json[type]?.AsObject() ?? [])
            .ToDictionary(b => b.Key, b => b.Value!.AsArray()[0]!.AsObject(), StringComparer.Ordinal);

    /// <summary>Every resource or data block in <paramref name="folder"/>: (type, name, body).</summary>
    public IEnumerable<(string Type, string Name, JsonObject Body)> Resources(string folder, string kind = "resource") =>
        In(folder).Where(f => f.Path.EndsWith(".tf", StringComparison.Ordinal))
            .SelectMany(f => f.Json[kind]?.AsObject() ?? [])
            .SelectMany(t => t.Value!.AsObject().Select(r => (t.Key, r.Key, r.Value!.AsArray()[0]!.AsObject())));

    /// <summary>A root's <c>terraform.tfvars</c>.</summary>
    public JsonObject Values(string root) => Files[$"{root}/terraform.tfvars"];

    /// <summary>The text of every <c>.tf</c> file in <paramref name="folder"/>, for searches the JSON makes awkward.</summary>
    public string Text(string folder) =>
        string.Concat(Directory.EnumerateFiles(Path.Combine(Root, folder), "*.tf").Order(StringComparer.Ordinal).Select(File.ReadAllText));

    private IEnumerable<string> Folders(string prefix) =>
        Files.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => k[..k.LastIndexOf('/')])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
}
