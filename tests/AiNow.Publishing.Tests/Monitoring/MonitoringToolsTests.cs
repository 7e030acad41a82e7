using System.Text.Json.Nodes;
using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Monitoring;

/// <summary>The schemas, promtool and amtool accept the output; promtool's unit tests show alerts fire when they should.</summary>
[Collection(MonitoringGroup.Name)]
public sealed class MonitoringToolsTests(MonitoringOutput output)
{
    [Fact]
    public async Task Kustomizations_RenderAndValidateAgainstTheOfficialSchemas()
    {
        foreach (var (_, _, folder) in output.Targets)
        {
            var text = await ProcessRunner.KustomizeAsync(Path.Combine(output.Folder, folder));
            var file = Path.Combine(output.Scratch, $"{folder}-rendered.yaml");
            await File.WriteAllTextAsync(file, text);

            var (exitCode, result) = await SchemaValidator.ValidateAsync(file);

            Assert.True(exitCode == 0, result);
            Assert.Contains("0 problem(s)", result, StringComparison.Ordinal);
            Assert.Contains("kind: PrometheusRule", text, StringComparison.Ordinal);
            Assert.Contains("kind: ServiceMonitor", text, StringComparison.Ordinal);
            Assert.Contains("namespace: monitoring", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryRuleFile_PassesPromtoolCheckRules()
    {
        foreach (var (_, _, folder) in output.Targets)
        {
            var file = await WriteRuleFileAsync(folder);

            var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync(Tool("promtool"), ["check", "rules", file]);

            Assert.True(exitCode == 0, $"{folder}: {stdout}{stderr}");
        }
    }

    [Fact]
    public async Task EveryAlertmanagerConfig_PassesAmtoolCheckConfig()
    {
        foreach (var (_, _, folder) in output.Targets)
        {
            var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync(Tool("amtool"), ["check-config", Path.Combine(output.Folder, folder, TelemetryDestinations.AlertmanagerConfigFile)]);

            Assert.True(exitCode == 0, $"{folder}: {stdout}{stderr}");
        }
    }

    [Theory]
    [InlineData("production-aws")]
    [InlineData("dev-onprem")]
    public async Task AlertUnitTests_PassUnderPromtool(string folder)
    {
        var rules = await WriteRuleFileAsync(folder);
        var production = folder.StartsWith("production", StringComparison.Ordinal);
        var tests = Path.Combine(output.Scratch, $"{folder}-tests.yaml");
        await File.WriteAllTextAsync(tests, RuleUnitTests.Write(Path.GetFileName(rules), production, output.Model));

        var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync(Tool("promtool"), ["test", "rules", tests], workingDirectory: output.Scratch);

        Assert.True(exitCode == 0, $"{stdout}{stderr}");
    }

    /// <summary>The PrometheusRule's groups as a plain rules file, as promtool reads them.</summary>
    private async Task<string> WriteRuleFileAsync(string folder)
    {
        var groups = new JsonArray([.. MonitoringExpressions.RuleObjects(output, folder).SelectMany(MonitoringExpressions.Groups).Select(g => g.DeepClone())]);
        var file = Path.Combine(output.Scratch, $"{folder}-rules.json");
        // JSON is YAML: promtool reads it as the rules file.
        await File.WriteAllTextAsync(file, new JsonObject { ["groups"] = groups }.ToJsonString());
        return file;
    }

    internal static string Tool(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH")!.Split(Path.PathSeparator).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
        return path ?? throw new InvalidOperationException($"{name} is missing: run eng/install-prerequisites.sh (it installs Debian's prometheus and prometheus-alertmanager packages).");
    }
}
