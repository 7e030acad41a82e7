using System.Text.Json.Nodes;
using AiNow.Contracts.Telemetry;
using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Monitoring;

namespace AiNow.Publishing.Tests.Monitoring;

/// <summary>The collector's configuration is whole (every component defined and used), splits logs exactly in two, and writes where the target's backend says.</summary>
[Collection(MonitoringGroup.Name)]
public sealed class CollectorConfigTests(MonitoringOutput output)
{
    private static readonly Dictionary<TelemetryBackend, string[]> ExporterTypes = new()
    {
        [TelemetryBackend.CloudWatchAndXRay] = ["awscloudwatchlogs", "awsxray", "prometheus"],
        [TelemetryBackend.CloudLoggingAndCloudTrace] = ["googlecloud", "prometheus"],
        [TelemetryBackend.LokiAndTempo] = ["otlp", "otlphttp", "prometheus"],
    };

    [Fact]
    public void EveryPipelineComponent_IsDefined_AndEveryDefinedComponentIsUsed()
    {
        foreach (var (_, _, folder) in output.Targets)
        {
            var config = Config(folder);
            var pipelines = config["service"]!["pipelines"]!.AsObject();
            foreach (var kind in new[] { "receivers", "processors", "exporters" })
            {
                var defined = config[kind]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
                var used = pipelines.SelectMany(p => p.Value![kind]!.AsArray().Select(n => (string)n!)).ToHashSet(StringComparer.Ordinal);
                Assert.True(defined.SetEquals(used), $"{folder} {kind}: defined {string.Join(",", defined)}, used {string.Join(",", used)}");
            }

            var extensions = config["extensions"]!.AsObject().Select(p => p.Key);
            Assert.Equal(extensions, config["service"]!["extensions"]!.AsArray().Select(n => (string)n!));
        }
    }

    [Fact]
    public void Logs_SplitIntoExactlyTheTwoTypes_WithDistinctDestinations_OnTheAuditAttribute()
    {
        foreach (var (_, _, folder) in output.Targets)
        {
            var config = Config(folder);
            var logs = config["service"]!["pipelines"]!.AsObject().Where(p => p.Key.StartsWith("logs", StringComparison.Ordinal)).ToList();
            Assert.Equal(TelemetryDestinations.LogTypes.Select(CollectorConfig.LogPipeline).Order(), logs.Select(p => p.Key).Order());

            var destinations = logs.Select(p => (string)p.Value!["exporters"]!.AsArray().Single()!).ToList();
            Assert.Equal(destinations.Count, destinations.Distinct().Count());
            var settings = destinations.Select(d => config["exporters"]![d]!.ToJsonString()).ToList();
            Assert.Equal(settings.Count, settings.Distinct().Count());

            var filters = config["processors"]!.AsObject().Where(p => p.Key.StartsWith("filter/", StringComparison.Ordinal)).SelectMany(p => p.Value!["logs"]!["log_record"]!.AsArray()).Select(c => (string)c!).ToList();
            Assert.Equal([$"attributes[\"{AuditContract.LogTypeProperty}\"] == \"{AuditContract.AuditLogType}\"", $"attributes[\"{AuditContract.LogTypeProperty}\"] != \"{AuditContract.AuditLogType}\""], filters);
        }
    }

    [Fact]
    public void Exporters_MatchTheTargetsBackend_AndMetricsCarryTheRolloutLabel()
    {
        foreach (var (environment, target, folder) in output.Targets)
        {
            var config = Config(folder);
            var types = config["exporters"]!.AsObject().Select(p => p.Key.Split('/')[0]).Distinct().Order(StringComparer.Ordinal);
            Assert.Equal(ExporterTypes[target.Profile.TelemetryBackend], types);

            var prometheus = config["exporters"]!["prometheus"]!;
            Assert.Equal($"0.0.0.0:{TelemetryDestinations.CollectorMetricsPort}", (string)prometheus["endpoint"]!);
            Assert.Equal("true", (string)prometheus["resource_to_telemetry_conversion"]!["enabled"]!);
            Assert.Equal(["prometheus"], config["service"]!["pipelines"]!["metrics"]!["exporters"]!.AsArray().Select(n => (string)n!));

            var text = output.Text($"{folder}/{TelemetryDestinations.CollectorConfigFile}");
            switch (target.Profile.TelemetryBackend)
            {
                case TelemetryBackend.CloudWatchAndXRay:
                    Assert.Contains(TelemetryDestinations.CloudWatchLogGroup(environment.Name, TelemetryDestinations.AuditLogType), text, StringComparison.Ordinal);
                    break;
                case TelemetryBackend.CloudLoggingAndCloudTrace:
                    Assert.Contains(TelemetryDestinations.CloudLoggingLogName(environment.Name, TelemetryDestinations.AuditLogType), text, StringComparison.Ordinal);
                    Assert.Contains(target.Account.AccountId, text, StringComparison.Ordinal);
                    break;
                default:
                    Assert.Contains(TelemetryDestinations.LokiOtlpEndpoint, text, StringComparison.Ordinal);
                    Assert.Contains(TelemetryDestinations.TempoOtlpEndpoint, text, StringComparison.Ordinal);
                    break;
            }
        }
    }

    [Fact]
    public void ServiceMonitor_ScrapesTheCollectorsExporterPort_KeepingItsJobLabel()
    {
        foreach (var (_, _, folder) in output.Targets)
        {
            var monitor = output.Documents($"{folder}/{MonitoringEmitter.MonitorFile}").Single();
            Assert.Equal(Model.TelemetryPlan.CollectorPodName, (string)monitor["spec"]!["selector"]!["matchLabels"]![KubernetesLabels.Name]!);
            var endpoints = monitor["spec"]!["endpoints"]!.AsArray();
            Assert.Equal(2, endpoints.Count);
            Assert.Equal(TelemetryDestinations.CollectorMetricsPortName, (string)endpoints[0]!["port"]!);
            Assert.Equal("true", (string)endpoints[0]!["honorLabels"]!);
            // The collector's own metrics carry no job of their own: they take the collector's.
            Assert.Equal(CollectorConfig.SelfMetricsPortName, (string)endpoints[1]!["port"]!);
            Assert.Equal("false", (string)endpoints[1]!["honorLabels"]!);
            Assert.Equal(KnownAddOns.Prometheus.Name, (string)monitor["metadata"]!["labels"]!["release"]!);
        }
    }

    [Fact]
    public void TheCollectorsOwnMetrics_AreServedOnThePortTheChartOpens_AndTheExporterForgetsGonePodsSoon()
    {
        foreach (var (_, _, folder) in output.Targets)
        {
            var config = Config(folder);
            var prometheus = Assert.Single(config["service"]!["telemetry"]!["metrics"]!["readers"]!.AsArray())!["pull"]!["exporter"]!["prometheus"]!;
            Assert.Equal("0.0.0.0", (string)prometheus["host"]!);
            Assert.Equal(CollectorConfig.SelfMetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), (string)prometheus["port"]!);
            Assert.Equal("2m", (string)config["exporters"]!["prometheus"]!["metric_expiration"]!);

            var values = output.Documents($"{folder}/{TelemetryDestinations.CollectorValuesFile}").Single();
            Assert.Equal("true", (string)values["ports"]![CollectorConfig.SelfMetricsPortName]!["enabled"]!);
            // memory_limiter's percentages are shares of this limit; without one they mean nothing.
            Assert.NotNull(values["resources"]!["limits"]!["memory"]);
            Assert.Equal("2", (string)values["replicaCount"]!);
            Assert.Equal("true", (string)values["podDisruptionBudget"]!["enabled"]!);
        }
    }

    private JsonObject Config(string folder) => output.Documents($"{folder}/{TelemetryDestinations.CollectorConfigFile}").Single();
}
