using System.Diagnostics.Metrics;
using AiNow.Inference.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace AiNow.Inference.Tests.Support;

/// <summary>An <see cref="InferenceMetrics"/> on its own meter factory, so a test can listen to exactly its instruments.</summary>
public sealed class TestMetrics : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public TestMetrics()
    {
        MeterFactory = _services.GetRequiredService<IMeterFactory>();
        Metrics = new InferenceMetrics(MeterFactory);
    }

    public IMeterFactory MeterFactory { get; }

    public InferenceMetrics Metrics { get; }

    public void Dispose() => _services.Dispose();
}
