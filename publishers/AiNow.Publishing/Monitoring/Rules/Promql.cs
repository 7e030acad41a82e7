using AiNow.Contracts.Telemetry;

namespace AiNow.Publishing.Monitoring.Rules;

/// <summary>
/// PromQL building blocks. Metric names come only from the AI-Now catalog (<see cref="MetricDefinition"/>)
/// or <see cref="StandardMetrics"/>, and a catalog label is checked against the metric's own labels when
/// the expression is built, so a misspelt name fails the publish instead of an alert that never fires.
/// </summary>
public static class Promql
{
    /// <summary>A selector of a catalog metric's series (<paramref name="suffix"/> <c>_bucket</c>, <c>_count</c>, <c>_sum</c> for histograms).</summary>
    public static string Select(MetricDefinition metric, string suffix = "", params string[] matchers)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var series = metric.PrometheusName + suffix;
        if (!metric.PrometheusSeries.Contains(series))
        {
            throw new ArgumentException($"'{series}' is not a series of {metric.Name} ({string.Join(", ", metric.PrometheusSeries)}).", nameof(suffix));
        }

        foreach (var label in matchers.Select(LabelOf))
        {
            if (!metric.PrometheusLabels.Contains(label) && !StandardMetrics.CollectorLabels.Contains(label) && label != "le")
            {
                throw new ArgumentException($"{metric.Name} has no label '{label}' (it has {string.Join(", ", metric.PrometheusLabels)}).", nameof(matchers));
            }
        }

        return Selector(series, matchers);
    }

    /// <summary>A selector of one series of a standard metric.</summary>
    public static string Select(StandardMetric metric, string suffix = "", params string[] matchers)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var series = metric.Name + suffix;
        if (!metric.Series.Contains(series))
        {
            throw new ArgumentException($"'{series}' is not a series of {metric.Name}.", nameof(suffix));
        }

        foreach (var label in matchers.Select(LabelOf))
        {
            if (!metric.Labels.Contains(label))
            {
                throw new ArgumentException($"{metric.Name} has no label '{label}'.", nameof(matchers));
            }
        }

        return Selector(series, matchers);
    }

    /// <summary>A selector of a series a recording rule writes.</summary>
    public static string Select(RecordedSeries series, params string[] matchers)
    {
        ArgumentNullException.ThrowIfNull(series);
        return Selector(series.Name, matchers);
    }

    /// <summary><c>label="value"</c>.</summary>
    public static string Eq(string label, string value) => $"{label}=\"{value}\"";

    /// <summary><c>label=~"pattern"</c>.</summary>
    public static string Matches(string label, string pattern) => $"{label}=~\"{pattern}\"";

    /// <summary><c>label!="value"</c>.</summary>
    public static string NotEq(string label, string value) => $"{label}!=\"{value}\"";

    /// <summary><c>sum by (labels) (rate(selector[window]))</c>, or <c>sum(...)</c> with no labels.</summary>
    public static string SumRate(string selector, string window, params string[] by) => $"{Sum(by)}{(by.Length == 0 ? "" : " ")}(rate({selector}[{window}]))";

    /// <summary>The <paramref name="quantile"/> of a histogram's buckets over <paramref name="window"/>, per <paramref name="by"/>.</summary>
    public static string Quantile(double quantile, string bucketSelector, string window, params string[] by) =>
        $"histogram_quantile({quantile.ToString(System.Globalization.CultureInfo.InvariantCulture)}, sum by ({string.Join(", ", by.Append("le"))}) (rate({bucketSelector}[{window}])))";

    /// <summary><c>sum by (labels)</c> or <c>sum</c>.</summary>
    public static string Sum(params string[] by) => by.Length == 0 ? "sum" : $"sum by ({string.Join(", ", by)})";

    private static string Selector(string series, string[] matchers) => matchers.Length == 0 ? series : $"{series}{{{string.Join(",", matchers)}}}";

    private static string LabelOf(string matcher) => matcher[..matcher.IndexOfAny(['=', '!'])];
}

/// <summary>A series a recording rule writes (<c>job:http_server_request_errors:ratio_rate5m</c>).</summary>
/// <param name="Name">The recorded name.</param>
public sealed record RecordedSeries(string Name);
