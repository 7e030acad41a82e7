using System.Diagnostics.Metrics;
using AiNow.Contracts.Telemetry;

namespace AiNow.ServiceDefaults.Telemetry;

/// <summary>
/// Creates instruments from the metric catalog, so a service cannot publish a name, kind or unit the
/// published alerts and dashboards do not know.
/// </summary>
public static class CatalogInstruments
{
    /// <summary>The shared <see cref="AiNowMetrics.MeterName"/> meter.</summary>
    public static Meter CreateAiNowMeter(this IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        return meterFactory.Create(AiNowMetrics.MeterName);
    }

    /// <summary>A counter for <paramref name="definition"/>.</summary>
    public static Counter<long> CreateCounter(this Meter meter, MetricDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(meter);
        Expect(definition, InstrumentKind.Counter);
        return meter.CreateCounter<long>(definition.Name, definition.Unit, definition.Description);
    }

    /// <summary>A histogram for <paramref name="definition"/>.</summary>
    public static Histogram<double> CreateHistogram(this Meter meter, MetricDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(meter);
        Expect(definition, InstrumentKind.Histogram);
        var advice = definition.Buckets.IsEmpty ? null : new InstrumentAdvice<double> { HistogramBucketBoundaries = definition.Buckets };
        return meter.CreateHistogram(definition.Name, definition.Unit, definition.Description, tags: null, advice: advice);
    }

    /// <summary>A gauge for <paramref name="definition"/>, read from <paramref name="observe"/> at each collection.</summary>
    public static ObservableGauge<double> CreateGauge(this Meter meter, MetricDefinition definition, Func<IEnumerable<Measurement<double>>> observe)
    {
        ArgumentNullException.ThrowIfNull(meter);
        Expect(definition, InstrumentKind.Gauge);
        return meter.CreateObservableGauge(definition.Name, observe, definition.Unit, definition.Description);
    }

    private static void Expect(MetricDefinition definition, InstrumentKind kind)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Kind != kind)
        {
            throw new ArgumentException($"Metric '{definition.Name}' is a {definition.Kind} in the catalog, not a {kind}.", nameof(definition));
        }
    }
}
