using System.Text.Json.Nodes;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Terraform;

/// <summary>
/// The published Terraform is formatted as <c>terraform fmt</c> writes it, parses with HashiCorp's HCL
/// parser, and every provider, resource and data block matches the argument schema of the exact
/// provider version the roots pin (from the provider packages in the validation lockfile).
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed class TerraformValidationTests(PublishedManifests published)
{
    [Fact]
    public async Task ThePublishedTerraform_IsFormattedAsTerraformFmtWritesIt()
    {
        var (exitCode, output, error) = await ProcessRunner.RunAsync(TerraformCli.Command, ["fmt", "-check", "-diff", "-recursive", published.Terraform]);
        Assert.True(exitCode == 0, $"terraform fmt would change the published Terraform:\n{output}{error}");
    }

    [Fact]
    public async Task EveryFile_ParsesWithHashiCorpsParser()
    {
        var tree = await published.TerraformTreeAsync();
        // Besides the README, the only files that are not HCL are the YAML configurations handed to charts whole.
        var files = Directory.EnumerateFiles(published.Terraform, "*", SearchOption.AllDirectories).Count(f => !f.EndsWith(".md", StringComparison.Ordinal) && !f.EndsWith(".yaml", StringComparison.Ordinal));
        Assert.Equal(files, tree.Files.Count);
    }

    [Fact]
    public async Task EveryBlock_MatchesThePinnedProvidersSchema()
    {
        var (exitCode, output, error) = await NodeScripts.RunAsync("terraform-schema.mjs", "--json", published.Terraform);
        var errors = JsonNode.Parse(output)!.AsArray();
        Assert.True(exitCode == 0 && errors.Count == 0, $"schema errors:\n{string.Join('\n', errors.Select(e => $"{e!["file"]}: {e["block"]}: {e["message"]}"))}\n{error}");
        var checkedBlocks = int.Parse(System.Text.RegularExpressions.Regex.Match(error, @"checked (\d+) blocks").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(checkedBlocks > 200, $"only {checkedBlocks} blocks were checked: {error}");
    }

    [Fact]
    public async Task TheSchemaCheck_RejectsEachKindOfMistake()
    {
        var (exitCode, output, _) = await NodeScripts.RunAsync("terraform-schema.mjs", "--json", Path.Combine("fixtures", "terraform", "invalid"));
        var messages = JsonNode.Parse(output)!.AsArray().Select(e => (string)e!["message"]!).ToList();
        Assert.NotEqual(0, exitCode);
        Assert.Contains(messages, m => m.Contains("unknown argument", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(messages, m => m.Contains("missing required", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(messages, m => m.Contains("unknown resource type", StringComparison.OrdinalIgnoreCase) || m.Contains("unknown data source", StringComparison.OrdinalIgnoreCase));
    }
}
