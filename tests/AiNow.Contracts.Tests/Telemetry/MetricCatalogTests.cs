using AiNow.Contracts.Telemetry;

namespace AiNow.Contracts.Tests.Telemetry;

public sealed class MetricCatalogTests
{
    [Theory]
    [InlineData("ainow.usage.tokens", InstrumentKind.Counter, "{token}", "ainow_usage_tokens_total")]
    [InlineData("ainow.batch.job.duration", InstrumentKind.Histogram, "s", "ainow_batch_job_duration_seconds")]
    [InlineData("ainow.batch.oldest_queued.age", InstrumentKind.Gauge, "s", "ainow_batch_oldest_queued_age_seconds")]
    [InlineData("ainow.health.status", InstrumentKind.Gauge, "1", "ainow_health_status_ratio")]
    [InlineData("ainow.batch.jobs", InstrumentKind.Gauge, "{job}", "ainow_batch_jobs")]
    [InlineData("ainow.queue.size.bytes", InstrumentKind.Gauge, "By", "ainow_queue_size_bytes")]
    public void PrometheusName_FollowsTheExportersTranslation(string name, InstrumentKind kind, string unit, string expected) =>
        Assert.Equal(expected, new MetricDefinition(name, kind, unit, "", []).PrometheusName);

    [Fact]
    public void PrometheusSeries_OfAHistogram_AreBucketSumAndCount() =>
        Assert.Equal(
            ["ainow_batch_job_duration_seconds_bucket", "ainow_batch_job_duration_seconds_sum", "ainow_batch_job_duration_seconds_count"],
            AiNowMetrics.BatchJobDuration.PrometheusSeries.ToArray());

    [Fact]
    public void UnknownUnit_IsRefusedNamingTheUnit()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new MetricDefinition("x", InstrumentKind.Counter, "furlongs", "", []).PrometheusName);
        Assert.Contains("'furlongs'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_NamesAreUniqueInBothNamings()
    {
        Assert.Equal(AiNowMetrics.All.Length, AiNowMetrics.All.Select(m => m.Name).Distinct().Count());
        Assert.Equal(AiNowMetrics.All.Length, AiNowMetrics.All.Select(m => m.PrometheusName).Distinct().Count());
    }

    [Fact]
    public void Catalog_ListsEveryDefinitionDeclared()
    {
        var declared = typeof(AiNowMetrics).GetProperties()
            .Where(p => p.PropertyType == typeof(MetricDefinition))
            .Select(p => (MetricDefinition)p.GetValue(null)!);
        Assert.Equal(declared.Select(m => m.Name).Order(), AiNowMetrics.All.Select(m => m.Name).Order());
    }

    [Fact]
    public void EveryMetric_IsDescribedAndNamespaced() =>
        Assert.All(AiNowMetrics.All, metric =>
        {
            Assert.StartsWith("ainow.", metric.Name, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(metric.Description), metric.Name);
        });

    [Fact]
    public void EveryHistogram_HasAscendingBucketsInItsUnit() =>
        Assert.All(AiNowMetrics.All.Where(m => m.Kind == InstrumentKind.Histogram), metric =>
        {
            Assert.False(metric.Buckets.IsEmpty, $"{metric.Name} would fall back to the SDK's millisecond-scale buckets.");
            Assert.True(metric.Buckets.SequenceEqual(metric.Buckets.Order().Distinct()), $"{metric.Name}'s buckets must ascend.");
            Assert.All(metric.Buckets, bound => Assert.True(bound > 0));
        });
}
