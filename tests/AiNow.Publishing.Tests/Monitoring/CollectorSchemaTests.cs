using System.Text.Json.Nodes;
using AiNow.Publishing.Model.Clouds;

namespace AiNow.Publishing.Tests.Monitoring;

/// <summary>
/// Every key the published collector configuration writes is a field of its component at the collector
/// version the pinned chart runs: the collector refuses to start on an unknown key, and nothing else here
/// would notice before the first apply.
/// </summary>
[Collection(MonitoringGroup.Name)]
public sealed class CollectorSchemaTests(MonitoringOutput output)
{
    private static readonly CollectorSchema Schema = CollectorSchema.Load();

    [Fact]
    public void EveryKeyOfEveryCollectorConfig_IsAFieldOfItsComponent_AtThePinnedCollector()
    {
        var problems = new List<string>();
        foreach (var (_, _, folder) in output.Targets)
        {
            var file = $"{folder}/{TelemetryDestinations.CollectorConfigFile}";
            var config = output.Documents(file).Single();
            Assert.NotEmpty(CollectorSchemaCheck.KeyPaths(config));
            problems.AddRange(CollectorSchemaCheck.Problems(file, config, Schema));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void TheExtract_IsForTheCollectorThePinnedChartRuns()
    {
        var chart = KnownAddOns.OpenTelemetryCollector.Chart!;
        var refresh = $"{Schema.File} was read at collector {Schema.Collector} (chart {Schema.ChartName} {Schema.ChartVersion}); refresh it for the pin: read each source file again at the collector version the chart's appVersion names, update 'chart' and 'collector', and rename the file.";
        Assert.True(chart.Chart == Schema.ChartName && chart.Version == Schema.ChartVersion, $"KnownAddOns pins {chart.Chart} {chart.Version}. {refresh}");

        // The chart runs its appVersion unless the image tag is set; a set tag is the collector version.
        var tag = chart.Values.SingleOrDefault(s => s.Name == "image.tag")?.Value;
        Assert.True(tag is null || tag.TrimStart('v') == Schema.Collector, $"KnownAddOns sets image.tag {tag}. {refresh}");
        Assert.Equal($"components-{Schema.Collector}.json", Path.GetFileName(Schema.File));
    }

    [Fact]
    public void EveryKeyOfTheExtract_NamesTheSourceFileItWasReadFrom_AtANamedRevision()
    {
        var entries = Schema.Components.SelectMany(c => c.Schema.Keys.Select(k => ($"{c.Kind} {c.Schema.Type}", k)))
            .Concat(Schema.Service.Keys.Select(k => ("service", k)));
        foreach (var (component, key) in entries)
        {
            var revision = key.Source.Split(':')[0];
            Assert.True(Schema.Revisions.ContainsKey(revision), $"{component} '{key.Dotted}': source '{key.Source}' names no revision of {Schema.File}.");
            Assert.Contains(".go", key.Source, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AMisspelledKey_IsRejected_NamingTheComponentTheKeyAndTheExtract()
    {
        var config = new JsonObject
        {
            ["exporters"] = new JsonObject { ["googlecloud/audit"] = new JsonObject { ["project"] = "p", ["log"] = new JsonObject { ["default_logname"] = "audit" } } },
        };

        var problem = Assert.Single(CollectorSchemaCheck.Problems("collector.yaml", config, Schema));
        Assert.Contains("'googlecloud/audit'", problem, StringComparison.Ordinal);
        Assert.Contains("'log.default_logname'", problem, StringComparison.Ordinal);
        Assert.Contains("default_log_name", problem, StringComparison.Ordinal);
        Assert.Contains(Schema.File, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AValueOfTheWrongShape_AnUnknownType_AndAnUnknownSignal_AreRejected()
    {
        var config = new JsonObject
        {
            ["processors"] = new JsonObject { ["batch"] = new JsonObject { ["timeout"] = "5 seconds" } },
            ["exporters"] = new JsonObject { ["awsxray"] = new JsonObject { ["region"] = "" }, ["kafka"] = new JsonObject() },
            ["service"] = new JsonObject { ["pipelines"] = new JsonObject { ["log/audit"] = new JsonObject { ["receivers"] = new JsonArray("otlp") } } },
        };

        var problems = CollectorSchemaCheck.Problems("collector.yaml", config, Schema);
        Assert.Contains(problems, p => p.Contains("'timeout'", StringComparison.Ordinal) && p.Contains("Go duration", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'region'", StringComparison.Ordinal) && p.Contains("empty", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'kafka'", StringComparison.Ordinal) && p.Contains("is not in", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'log/audit'", StringComparison.Ordinal));
        Assert.Equal(4, problems.Count);
    }

    [Theory]
    [InlineData("5s", true)]
    [InlineData("1m30s", true)]
    [InlineData("250ms", true)]
    [InlineData("1.5h", true)]
    [InlineData("0", true)]
    [InlineData("-2us", true)]
    [InlineData("5", false)]
    [InlineData("5 s", false)]
    [InlineData("5sec", false)]
    [InlineData("PT5S", false)]
    [InlineData(".s", false)]
    [InlineData("", false)]
    public void GoDurations_ParseAsTimeParseDurationDoes(string text, bool valid) => Assert.Equal(valid, CollectorSchemaShapes.IsGoDuration(text));

    [Theory]
    [InlineData("0.0.0.0:4317", true)]
    [InlineData("tempo.monitoring.svc.cluster.local:4317", true)]
    [InlineData("[::1]:8889", true)]
    [InlineData("localhost:0", false)]
    [InlineData("localhost:65536", false)]
    [InlineData(":4317", false)]
    [InlineData("http://tempo:4317", false)]
    [InlineData("tempo", false)]
    public void Endpoints_AreHostAndPort(string text, bool valid) => Assert.Equal(valid, CollectorSchemaShapes.IsHostPort(text));
}
