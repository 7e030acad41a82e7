namespace AiNow.Publishing.Tests.Monitoring;

public sealed class PromqlTokenizerTests
{
    [Fact]
    public void Metrics_FindsSelectorsAndTheirLabels_NotFunctionsOrGroupings()
    {
        var found = PromqlTokenizer.Metrics("sum by (job, le) (rate(a_bucket{job=\"x\",le=~\"10|10\\\\.0\"}[5m])) / ignoring(le) b:rec:ratio offset 1w > 0.5 and on() vector(0)");

        Assert.Equal(["a_bucket", "b:rec:ratio"], found.Select(f => f.Metric));
        Assert.Equal(["job", "le"], found[0].Labels);
        Assert.Empty(found[1].Labels);
    }

    [Theory]
    [InlineData("histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))", "x_bucket")]
    [InlineData("absent(up{namespace=\"monitoring\"} == 1)", "up")]
    [InlineData("(x - avg_over_time(x[1d])) / stddev_over_time(x[1d]) > 3", "x,x,x")]
    [InlineData("count(sum by (tenant) (increase(t_total[1h])) > 0)", "t_total")]
    public void Metrics_Examples(string expression, string metrics) =>
        Assert.Equal(metrics.Split(','), PromqlTokenizer.Metrics(expression).Select(m => m.Metric));

    [Fact]
    public void Metrics_RejectsWhatItCannotRead() =>
        Assert.Throws<FormatException>(() => PromqlTokenizer.Metrics("x{job}"));
}
