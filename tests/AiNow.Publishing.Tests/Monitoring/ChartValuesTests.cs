using System.Text.Json.Nodes;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Tests.Terraform;

namespace AiNow.Publishing.Tests.Monitoring;

/// <summary>
/// The charts' values files: every key is one the pinned chart reads (its committed key extract), and
/// kube-prometheus-stack scrapes only the control-plane components the target's cluster exposes.
/// </summary>
[Collection(MonitoringGroup.Name)]
public sealed class ChartValuesTests(MonitoringOutput output)
{
    [Fact]
    public void EveryKeyOfTheValuesFiles_IsOneThePinnedChartReads()
    {
        var charts = new[] { (TelemetryDestinations.CollectorValuesFile, KnownAddOns.OpenTelemetryCollector), (TelemetryDestinations.PrometheusValuesFile, KnownAddOns.Prometheus) };
        foreach (var (_, _, folder) in output.Targets)
        {
            foreach (var (file, addOn) in charts)
            {
                var keys = HelmChartKeys.Load(addOn.Chart!.Chart, addOn.Chart.Version);
                var paths = Leaves(output.Documents($"{folder}/{file}").Single()).ToList();
                Assert.NotEmpty(paths);
                Assert.All(paths, path => Assert.True(keys.Reads(path), $"{folder}/{file}: {keys.Name} has no value '{path}'."));
            }
        }
    }

    [Theory]
    [InlineData(Cloud.Aws, false, true)]
    [InlineData(Cloud.Gcp, false, false)]
    [InlineData(Cloud.DigitalOcean, false, false)]
    [InlineData(Cloud.OnPrem, true, true)]
    public void ControlPlaneScrapes_FollowWhatTheCloudsClusterExposes(Cloud cloud, bool controlPlane, bool kubeProxy)
    {
        var targets = output.Targets.Where(t => t.Target.Profile.Cloud == cloud).ToList();
        Assert.NotEmpty(targets);
        foreach (var (_, _, folder) in targets)
        {
            var values = output.Documents($"{folder}/{TelemetryDestinations.PrometheusValuesFile}").Single();
            Assert.All(["kubeControllerManager", "kubeScheduler", "kubeEtcd"], component => Assert.Equal(controlPlane ? "true" : "false", (string)values[component]!["enabled"]!));
            Assert.Equal(kubeProxy ? "true" : "false", (string)values["kubeProxy"]!["enabled"]!);
        }
    }

    /// <summary>Helm paths of every value, stopping at the two maps the charts hand on whole.</summary>
    private static IEnumerable<string> Leaves(JsonNode? node, string path = "") => node switch
    {
        JsonObject map when path is not (ChartValuesPaths.AlternateConfig or ChartValuesPaths.AlertmanagerConfig) && map.Count > 0 =>
            map.SelectMany(p => Leaves(p.Value, path.Length == 0 ? p.Key : $"{path}.{p.Key}")),
        _ => [path],
    };

    private static class ChartValuesPaths
    {
        public const string AlternateConfig = "alternateConfig";
        public const string AlertmanagerConfig = "alertmanager.config";
    }

    [Fact]
    public void LogsAndTracesKeptInTheCluster_HaveAGrafanaDataSourcePerTenantTheCollectorWrites()
    {
        foreach (var (_, target, folder) in output.Targets)
        {
            var sources = output.Documents($"{folder}/{TelemetryDestinations.PrometheusValuesFile}").Single()["grafana"]?["additionalDataSources"]?.AsArray();
            if (target.Profile.TelemetryBackend != TelemetryBackend.LokiAndTempo)
            {
                Assert.Null(sources);
                continue;
            }

            Assert.NotNull(sources);
            var collector = output.Text($"{folder}/{TelemetryDestinations.CollectorConfigFile}");
            var written = System.Text.RegularExpressions.Regex.Matches(collector, @"X-Scope-OrgID: (\S+)").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);
            var loki = sources.Where(s => (string?)s!["type"] == "loki").ToList();
            Assert.Equal(written, loki.Select(s => (string)s!["secureJsonData"]!["httpHeaderValue1"]!).Order(StringComparer.Ordinal));
            Assert.All(loki, s =>
            {
                Assert.Equal("X-Scope-OrgID", (string?)s!["jsonData"]!["httpHeaderName1"]);
                Assert.Contains($"endpoint: {(string)s["url"]!}/otlp", collector, StringComparison.Ordinal);
            });
            var tempo = Assert.Single(sources, s => (string?)s!["type"] == "tempo");
            Assert.Contains($"endpoint: {new Uri((string)tempo!["url"]!).Host}:4317", collector, StringComparison.Ordinal);
        }
    }
}
