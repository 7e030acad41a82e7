using System.Collections.Immutable;
using System.Text;

namespace AiNow.Contracts.Telemetry;

/// <summary>How an instrument aggregates, which decides the names Prometheus gives it.</summary>
public enum InstrumentKind
{
    /// <summary>A monotonic sum (<c>_total</c> in Prometheus).</summary>
    Counter,

    /// <summary>A distribution (<c>_bucket</c>, <c>_sum</c> and <c>_count</c> in Prometheus).</summary>
    Histogram,

    /// <summary>A value read when metrics are collected (a plain series in Prometheus).</summary>
    Gauge,
}

/// <summary>
/// One metric the services publish on the <see cref="AiNowMetrics.MeterName"/> meter: its OpenTelemetry
/// name, unit and the only tags it may carry (bounded, so series stay few), and the names it has once the
/// collector writes it to Prometheus, which every alert, dashboard and rollout analysis uses.
/// </summary>
/// <param name="Name">The OpenTelemetry instrument name (<c>ainow.usage.tokens</c>).</param>
/// <param name="Kind">Counter, histogram or gauge.</param>
/// <param name="Unit">The UCUM unit (<c>s</c>, <c>By</c>) or an annotation (<c>{token}</c>).</param>
/// <param name="Description">What one unit of it means.</param>
/// <param name="Tags">The tag keys recordings may carry, and no others.</param>
public sealed record MetricDefinition(string Name, InstrumentKind Kind, string Unit, string Description, ImmutableArray<string> Tags)
{
    /// <summary>
    /// A histogram's bucket upper bounds, in its unit. The SDK's default buckets (0 to 10,000) suit
    /// milliseconds; a histogram in seconds without its own would put nearly every value in the first bucket.
    /// </summary>
    public ImmutableArray<double> Buckets { get; init; } = [];

    /// <summary>
    /// The metric's Prometheus name as the collector's Prometheus exporters write it (metric suffixes on):
    /// dots become underscores, a unit becomes a suffix (annotations in braces are dropped) and counters end
    /// in <c>_total</c>.
    /// </summary>
    public string PrometheusName
    {
        get
        {
            var name = new StringBuilder(Name.Replace('.', '_'));
            var unit = PrometheusUnit(Unit);
            if (unit.Length > 0 && !Name.EndsWith("." + unit, StringComparison.Ordinal))
            {
                name.Append('_').Append(unit);
            }

            if (Kind == InstrumentKind.Counter)
            {
                name.Append("_total");
            }

            return name.ToString();
        }
    }

    /// <summary>The series Prometheus stores for it: the name itself, or a histogram's bucket, sum and count.</summary>
    public ImmutableArray<string> PrometheusSeries => Kind == InstrumentKind.Histogram
        ? [PrometheusName + "_bucket", PrometheusName + "_sum", PrometheusName + "_count"]
        : [PrometheusName];

    /// <summary>The tag keys as Prometheus labels (dots become underscores).</summary>
    public ImmutableArray<string> PrometheusLabels => [.. Tags.Select(t => t.Replace('.', '_'))];

    // The OpenTelemetry-to-Prometheus unit words for the units this catalog uses.
    private static string PrometheusUnit(string unit) => unit switch
    {
        "s" => "seconds",
        "ms" => "milliseconds",
        "By" => "bytes",
        "1" => "ratio",
        _ when unit.StartsWith('{') => "",
        _ => throw new InvalidOperationException($"Unit '{unit}' has no Prometheus word here; add it to {nameof(PrometheusUnit)}."),
    };
}
