using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace AiNow.Gateway.Tests.Fakes;

/// <summary>Records the measurements of one service provider's meters (other tests' meters are ignored).</summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();

    public MetricRecorder(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var tagText = string.Join(",", tags.ToArray().Select(tag => $"{tag.Key}={tag.Value}"));
            Measurements.Enqueue((instrument.Name, value, tagText));
        });
        _listener.Start();
    }

    public ConcurrentQueue<(string Instrument, long Value, string Tags)> Measurements { get; } = new();

    public long Total(string instrument, string? tags = null) =>
        Measurements.Where(m => m.Instrument == instrument && (tags is null || m.Tags == tags)).Sum(m => m.Value);

    public void Dispose() => _listener.Dispose();
}
