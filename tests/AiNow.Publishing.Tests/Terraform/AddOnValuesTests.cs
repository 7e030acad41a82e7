using System.Text.Json.Nodes;
using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Tests.Delivery;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Terraform;

/// <summary>
/// The monitoring releases of the add-ons stage, against the pinned charts: every value the stage sets
/// is one the chart reads (from a committed extract of its <c>values.yaml</c>), the collector runs the
/// published configuration as the chart would start it, and Alertmanager's configuration, as Helm merges
/// it over the chart's default, routes only to its own receivers and reads credentials from the Secret
/// the chart mounts.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed class AddOnValuesTests(PublishedManifests published)
{
    /// <summary>The releases whose values this project sets beyond a chart's basics; each has an extract of its chart's keys.</summary>
    private static readonly string[] Checked = [KnownAddOns.OpenTelemetryCollector.Name, KnownAddOns.Prometheus.Name, KnownAddOns.Loki.Name, KnownAddOns.Tempo.Name, KnownAddOns.CertManager.Name];

    [Theory]
    [MemberData(nameof(PublishedManifests.OverlayNames), MemberType = typeof(PublishedManifests))]
    public async Task EveryValueTheStageSets_IsAKeyOfThePinnedChartsValues(string overlay)
    {
        var stage = await AddOnsStage.LoadAsync(published, overlay);
        var files = stage.ValueFiles();
        foreach (var (release, spec) in stage.Releases.Where(r => Checked.Contains(r.Key)))
        {
            var chart = (string)spec!["chart"]!;
            var version = (string)spec["version"]!;
            Assert.True(File.Exists(HelmChartKeys.FixturePath(chart, version)), $"{release}: no extract of {chart} {version}'s values.yaml; take the keys the settings use from the chart at that version.");
            var keys = HelmChartKeys.Load(chart, version);
            var paths = stage.Settings(release).Keys.Concat(files.TryGetValue(release, out var file) ? [file.Path] : []);
            Assert.All(paths, path => Assert.True(keys.Reads(path), $"{release}: {keys.Name} has no value '{path}'."));
        }

        Assert.Equal(
            [(KnownAddOns.Prometheus.Name, "alertmanager.config", TelemetryDestinations.AlertmanagerConfigFile), (KnownAddOns.OpenTelemetryCollector.Name, "alternateConfig", TelemetryDestinations.CollectorConfigFile)],
            files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, f.Value.Path, f.Value.File)));
    }

    [Theory]
    [MemberData(nameof(PublishedManifests.OverlayNames), MemberType = typeof(PublishedManifests))]
    public async Task TheCollector_RunsThePublishedConfiguration_AsTheChartStartsAndProbesIt(string overlay)
    {
        var stage = await AddOnsStage.LoadAsync(published, overlay);
        var release = KnownAddOns.OpenTelemetryCollector.Name;
        var keys = HelmChartKeys.Load(release, (string)stage.Releases[release]!["version"]!);
        var text = stage.Text(TelemetryDestinations.CollectorConfigFile);
        var config = stage.Yaml(TelemetryDestinations.CollectorConfigFile);
        var settings = stage.Settings(release);

        // The chart passes alternateConfig through Helm's tpl: template markers would be evaluated, not kept.
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
        // The chart's probes call the health_check extension on its port.
        Assert.Contains("health_check", Strings(config["service"]!["extensions"]));
        Assert.EndsWith($":{keys.Default("livenessProbe.httpGet.port")}", (string)config["extensions"]!["health_check"]!["endpoint"]!, StringComparison.Ordinal);
        Assert.Equal(keys.Default("livenessProbe.httpGet.port")!.ToJsonString(), keys.Default("readinessProbe.httpGet.port")!.ToJsonString());

        // The ServiceMonitor scrapes the Prometheus exporter through the port the chart opens for it.
        var port = TelemetryDestinations.CollectorMetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.EndsWith($":{port}", (string)config["exporters"]!["prometheus"]!["endpoint"]!, StringComparison.Ordinal);
        var prefix = $"ports.{TelemetryDestinations.CollectorMetricsPortName}.";
        Assert.Equal("true", settings[prefix + "enabled"]);
        Assert.Equal(port, settings[prefix + "containerPort"]);
        Assert.Equal(port, settings[prefix + "servicePort"]);
        Assert.Equal("TCP", settings[prefix + "protocol"]);

        // No port stays open without a receiver behind it.
        var receivers = config["receivers"]!.AsObject().Select(r => r.Key.Split('/')[0]).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, receiver) in new[] { ("jaeger-compact", "jaeger"), ("jaeger-thrift", "jaeger"), ("jaeger-grpc", "jaeger"), ("zipkin", "zipkin") })
        {
            Assert.Equal(receivers.Contains(receiver) ? "true" : "false", settings.GetValueOrDefault($"ports.{name}.enabled", keys.Default($"ports.{name}.enabled")!.ToJsonString()));
        }
    }

    [Theory]
    [MemberData(nameof(PublishedManifests.OverlayNames), MemberType = typeof(PublishedManifests))]
    public async Task Alertmanager_AsHelmMergesItOverTheChartsDefault_RoutesOnlyToItsReceivers_AndReadsTheMountedSecret(string overlay)
    {
        var stage = await AddOnsStage.LoadAsync(published, overlay);
        var release = KnownAddOns.Prometheus.Name;
        var version = (string)stage.Releases[release]!["version"]!;
        var keys = HelmChartKeys.Load(release, version);
        var chartDefault = PublishedWorkflows.Parse(File.ReadAllText(Path.ChangeExtension(HelmChartKeys.FixturePath(release, version), ".alertmanager-config.yaml")));
        var merged = HelmMerge(chartDefault, stage.Yaml(TelemetryDestinations.AlertmanagerConfigFile));

        var receivers = merged["receivers"]!.AsArray().Select(r => (string)r!["name"]!).ToHashSet(StringComparer.Ordinal);
        Assert.All(RoutedReceivers(merged["route"]!), r => Assert.Contains(r, receivers));

        var secret = stage.Settings(release)["alertmanager.alertmanagerSpec.secrets[0]"];
        Assert.Equal(TelemetryDestinations.ReceiversSecretName, secret);
        var files = Leaves(merged).Where(l => l.Key.EndsWith("_file", StringComparison.Ordinal)).Select(l => l.Value).ToList();
        Assert.NotEmpty(files);
        // The Prometheus operator mounts each listed Secret at /etc/alertmanager/secrets/<name>.
        Assert.All(files, f => Assert.StartsWith($"/etc/alertmanager/secrets/{secret}/", f, StringComparison.Ordinal));
        // Alertmanager's own templates ({{ .CommonLabels }}) reach it untouched only while the chart does not run tpl over the config.
        Assert.False(keys.Default("alertmanager.tplConfig")!.GetValue<bool>());
        Assert.DoesNotContain("alertmanager.tplConfig", stage.Settings(release).Keys);
    }

    [Theory]
    [MemberData(nameof(PublishedManifests.OverlayNames), MemberType = typeof(PublishedManifests))]
    public async Task Prometheus_KeepsTheChartsSelectors_AndTurnsOnNoOtlpReceiver(string overlay)
    {
        var stage = await AddOnsStage.LoadAsync(published, overlay);
        var release = KnownAddOns.Prometheus.Name;
        var keys = HelmChartKeys.Load(release, (string)stage.Releases[release]!["version"]!);
        var settings = stage.Settings(release);

        // With these true (the chart's default), Prometheus selects rules and monitors labelled release: <release>.
        Assert.All(["rule", "serviceMonitor", "podMonitor"], selector => Assert.True(keys.Default($"prometheus.prometheusSpec.{selector}SelectorNilUsesHelmValues")!.GetValue<bool>()));
        Assert.DoesNotContain(settings.Keys, k => k.Contains("Selector", StringComparison.Ordinal));

        // The collector's metrics are scraped from its exporter: nothing writes over OTLP to Prometheus.
        Assert.DoesNotContain("prometheus.prometheusSpec.enableFeatures", settings.Keys);
        Assert.Empty(keys.Default("prometheus.prometheusSpec.enableFeatures")!.AsArray());
    }

    /// <summary>Helm's merge of user values over a chart's: maps merge key by key, anything else replaces.</summary>
    private static JsonObject HelmMerge(JsonObject chart, JsonObject user)
    {
        var merged = chart.DeepClone().AsObject();
        foreach (var (key, value) in user)
        {
            merged[key] = merged[key] is JsonObject below && value is JsonObject over ? HelmMerge(below, over) : value?.DeepClone();
        }

        return merged;
    }

    private static IEnumerable<string> RoutedReceivers(JsonNode route) =>
        new[] { (string?)route["receiver"] }.OfType<string>()
            .Concat((route["routes"]?.AsArray() ?? []).SelectMany(r => RoutedReceivers(r!)));

    private static IEnumerable<KeyValuePair<string, string>> Leaves(JsonNode? node, string key = "") => node switch
    {
        JsonObject map => map.SelectMany(p => Leaves(p.Value, p.Key)),
        JsonArray list => list.SelectMany(item => Leaves(item, key)),
        null => [],
        _ => [new(key, node.ToString())],
    };

    private static IEnumerable<string> Strings(JsonNode? list) => list?.AsArray().Select(n => (string)n!) ?? [];
}
