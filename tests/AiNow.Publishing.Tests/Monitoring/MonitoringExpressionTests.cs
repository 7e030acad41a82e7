using AiNow.Contracts.Telemetry;
using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Monitoring.Rules;

namespace AiNow.Publishing.Tests.Monitoring;

/// <summary>Every expression names only metrics that are really emitted, with labels they really carry.</summary>
[Collection(MonitoringGroup.Name)]
public sealed class MonitoringExpressionTests(MonitoringOutput output)
{
    [Fact]
    public void RuleAndDashboardExpressions_UseOnlyCatalogAndStandardMetrics_WithTheirLabels()
    {
        var recorded = MonitoringExpressions.Recorded(output).ToHashSet(StringComparer.Ordinal);
        var problems = MonitoringExpressions.Rules(output).Concat(MonitoringExpressions.Dashboards(output))
            .SelectMany(e => Problems(e.Expr, recorded).Select(p => $"{e.Where}: {p}"))
            .ToList();

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(MonitoringExpressions.Dashboards(output).Count() > 20);
    }

    [Fact]
    public void RolloutAnalysisQuery_UsesAnEmittedMetricWithCollectorLabels()
    {
        foreach (var environment in output.Model.Environments)
        {
            var query = new RolloutFactory(output.Model, environment).SuccessRate().Spec.Metrics.Single().Provider.Prometheus.Query;
            var references = PromqlTokenizer.Metrics(query);

            Assert.NotEmpty(references);
            Assert.Empty(references.SelectMany(r => Problems(r, NoRecordings)));
            Assert.All(references, r => Assert.Contains(TelemetryContract.PodTemplateHashLabel, r.Labels));
        }
    }

    [Fact]
    public void Check_CatchesAMisspeltMetricAndAForeignLabel()
    {
        Assert.NotEmpty(Problems("rate(ainow_usage_request_total[5m])", NoRecordings));
        Assert.NotEmpty(Problems($"{AiNowMetrics.BatchJobs.PrometheusName}{{tenant=\"x\"}}", NoRecordings));
        Assert.Empty(Problems($"{AiNowMetrics.BatchJobs.PrometheusName}{{state=\"queued\",job=\"worker\"}}", NoRecordings));
    }

    private static readonly HashSet<string> NoRecordings = [];

    private static IEnumerable<string> Problems(string expression, IReadOnlySet<string> recorded) =>
        PromqlTokenizer.Metrics(expression).SelectMany(r => Problems(r, recorded));

    private static IEnumerable<string> Problems(MetricReference reference, IReadOnlySet<string> recorded)
    {
        if (recorded.Contains(reference.Metric))
        {
            return reference.Labels.Where(l => l != TelemetryContract.ServiceLabel).Select(l => $"recorded {reference.Metric} has no label {l}");
        }

        if (AiNowMetrics.All.FirstOrDefault(m => m.PrometheusSeries.Contains(reference.Metric)) is { } metric)
        {
            var allowed = metric.PrometheusLabels.Concat(StandardMetrics.CollectorLabels).Append("le");
            return reference.Labels.Except(allowed).Select(l => $"{reference.Metric} has no label {l} (catalog: {string.Join(", ", metric.PrometheusLabels)})");
        }

        if (StandardMetrics.All.FirstOrDefault(m => m.Series.Contains(reference.Metric)) is { } standard)
        {
            return reference.Labels.Except(standard.Labels).Select(l => $"{reference.Metric} has no label {l}");
        }

        return [$"{reference.Metric} is neither in the metric catalog, the standard list nor a recording rule"];
    }
}
