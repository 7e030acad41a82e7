using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Tests.Delivery;
using AiNow.Publishing.Tests.Infrastructure;
using AiNow.Publishing.Tests.Terraform;

namespace AiNow.Publishing.Tests.Contracts;

/// <summary>
/// A cluster built by hand from the overview's runbook runs what a cluster built by the add-ons stage
/// runs: every chart the stage hands a published configuration to is installed by the overview's command
/// with a values file (<c>-f</c>) that exists in the output and holds that same configuration under the
/// same value path.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed partial class ByHandInstallContractTests(PublishedManifests published)
{
    [Theory]
    [MemberData(nameof(PublishedManifests.OverlayNames), MemberType = typeof(PublishedManifests))]
    public async Task TheOverviewsInstallCommands_ReadValuesFilesThatExist_HoldingWhatTheStageHandsEachChart(string name)
    {
        var stage = await AddOnsStage.LoadAsync(published, name);
        var runbook = published.Runbook(stage.Overlay);
        var handed = stage.ValueFiles();
        Assert.NotEmpty(handed);
        foreach (var (release, (path, file)) in handed)
        {
            var command = Assert.Single(runbook.Split('\n'), l => l.StartsWith($"- {release} ", StringComparison.Ordinal));
            var valuesFile = Assert.Single(ValuesFile().Matches(command)).Groups[1].Value;
            Assert.StartsWith("manifests/", valuesFile, StringComparison.Ordinal);
            var onDisk = Path.Combine(published.Output, valuesFile["manifests/".Length..]);
            Assert.True(File.Exists(onDisk), $"{name}: the overview installs {release} with {valuesFile}, which the publish does not write.");

            JsonNode? byHand = PublishedWorkflows.Parse(File.ReadAllText(onDisk));
            foreach (var key in path.Split('.'))
            {
                byHand = byHand?[key];
            }

            Assert.True(JsonNode.DeepEquals(stage.Yaml(file), byHand), $"{name}: {valuesFile}'s {path} differs from the {file} the add-ons stage gives {release}.");
        }

        Assert.Equal(
            [TelemetryDestinations.PrometheusValuesFile, TelemetryDestinations.CollectorValuesFile],
            handed.Keys.Order(StringComparer.Ordinal).Select(release => ValuesFile().Match(Assert.Single(runbook.Split('\n'), l => l.StartsWith($"- {release} ", StringComparison.Ordinal))).Groups[1].Value.Split('/')[^1]));
    }

    [Theory]
    [MemberData(nameof(PublishedManifests.OverlayNames), MemberType = typeof(PublishedManifests))]
    public async Task TheStagesChartSettings_AreTheByHandValuesBesideTheConfiguration(string name)
    {
        // Replicas, budget, resources, ports and scrapes must not depend on how the chart was installed.
        var stage = await AddOnsStage.LoadAsync(published, name);
        var folder = Path.Combine(published.Output, "monitoring", name);
        var settingsFiles = stage.SettingsFiles();
        Assert.Equal([TelemetryDestinations.PrometheusSettingsFile, TelemetryDestinations.CollectorSettingsFile], settingsFiles.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Value));
        foreach (var (valuesFile, settingsFile, configurationKey) in new[]
        {
            (TelemetryDestinations.CollectorValuesFile, TelemetryDestinations.CollectorSettingsFile, "alternateConfig"),
            (TelemetryDestinations.PrometheusValuesFile, TelemetryDestinations.PrometheusSettingsFile, "alertmanager"),
        })
        {
            var byHand = PublishedWorkflows.Parse(File.ReadAllText(Path.Combine(folder, valuesFile)))!.AsObject();
            var settings = stage.Yaml(settingsFile);
            Assert.NotEmpty(settings);
            Assert.Equal(byHand.Select(p => p.Key).Where(k => k != configurationKey).Order(StringComparer.Ordinal), settings.Select(p => p.Key).Order(StringComparer.Ordinal));
            Assert.All(settings, setting => Assert.True(JsonNode.DeepEquals(setting.Value, byHand[setting.Key]), $"{name}: {settingsFile}'s {setting.Key} differs from {valuesFile}'s."));
        }
    }

    [GeneratedRegex(@" -f (\S+)")]
    private static partial Regex ValuesFile();
}
