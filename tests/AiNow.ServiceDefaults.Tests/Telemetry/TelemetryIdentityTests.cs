using System.Diagnostics.Metrics;
using AiNow.Contracts.Telemetry;
using AiNow.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Configuration;

namespace AiNow.ServiceDefaults.Tests.Telemetry;

public sealed class TelemetryIdentityTests
{
    [Theory]
    [InlineData("service.instance.id=api-7d9f-x2,k8s.pod.name=api-7d9f-x2", "api-7d9f-x2")]
    [InlineData(" k8s.pod.name = p , service.instance.id = a%2Cb ", "a,b")]
    [InlineData("rollouts.pod_template_hash=abc", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Configured_ReadsTheInstanceFromTheResourceAttributes(string? attributes, string? expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OTEL_RESOURCE_ATTRIBUTES"] = attributes })
            .Build();

        Assert.Equal(expected, ServiceInstance.Configured(configuration));
        Assert.Equal(expected ?? Environment.MachineName, ServiceInstance.Id(configuration));
    }

    [Theory]
    [InlineData("authorization=Bearer%20x,tenant=a", "authorization", "Bearer x")]
    [InlineData("=nokey,k=v", "k", "v")]
    [InlineData("k=v=w", "k", "v=w")]
    public void ParseList_FollowsTheSpecificationsFormat(string list, string key, string value) =>
        Assert.Equal(value, OtlpSettings.ParseList(list)[key]);

    [Fact]
    public void CreateHistogram_AdvisesTheCatalogsBuckets()
    {
        using var meter = new Meter("test");

        var histogram = meter.CreateHistogram(AiNowMetrics.UpstreamDuration);

        Assert.Equal(AiNowMetrics.UpstreamDuration.Buckets, histogram.Advice?.HistogramBucketBoundaries);
    }

    [Fact]
    public void CreateCounter_OfAHistogramDefinition_IsRefusedNamingTheMetric()
    {
        using var meter = new Meter("test");

        var error = Assert.Throws<ArgumentException>(() => meter.CreateCounter(AiNowMetrics.UpstreamDuration));

        Assert.Contains("'ainow.upstream.duration' is a Histogram", error.Message, StringComparison.Ordinal);
    }
}
