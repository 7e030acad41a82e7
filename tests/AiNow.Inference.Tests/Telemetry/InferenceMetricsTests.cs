using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AiNow.Inference.Embeddings;
using AiNow.Inference.Tests.Support;
using AiNow.ServiceDefaults;

namespace AiNow.Inference.Tests.Telemetry;

public sealed class InferenceMetricsTests
{
    [Fact]
    public async Task EmbeddingRequest_IsCountedWithTextsTokensAndEncodeDuration()
    {
        using var metrics = new TestMetrics();
        var measurements = new ConcurrentQueue<(string Meter, string Instrument, double Value)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == metrics.MeterFactory)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            measurements.Enqueue((instrument.Meter.Name, instrument.Name, value)));
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
            measurements.Enqueue((instrument.Meter.Name, instrument.Name, value)));
        listener.Start();
        using var embedder = new SentenceEmbedder(new TokenCounter(), metrics.Metrics);

        var result = await embedder.EmbedAsync(["hello world", "second text"], CancellationToken.None);
        metrics.Metrics.EmbeddingRequestServed(2, result.TotalTokens);

        Assert.All(measurements, m => Assert.Equal(OpenTelemetrySetup.MeterName, m.Meter));
        Assert.Contains(measurements, m => m is { Instrument: "ainow.inference.embeddings", Value: 1 });
        Assert.Contains(measurements, m => m is { Instrument: "ainow.inference.embeddings.texts", Value: 2 });
        Assert.Contains(measurements, m => m.Instrument == "ainow.inference.embeddings.tokens" && m.Value == result.TotalTokens);
        Assert.Contains(measurements, m => m.Instrument == "ainow.inference.embeddings.encode.duration" && m.Value > 0);
    }
}
