using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Model;
using AiNow.Publishing.Tests.Synthetic;
using AiNow.Publishing.Writing;
using BenchmarkDotNet.Attributes;

namespace AiNow.Publishing.Benchmarks;

/// <summary>The Kubernetes emitter (and the writer) on synthetic models of 10, 100 and 1,000 services, 3 environments x 4 clouds.</summary>
[MemoryDiagnoser]
public class EmitterBenchmarks
{
    private DeploymentModel _model = null!;
    private string _output = "";

    [Params(10, 100, 1000)]
    public int Services { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = SyntheticModels.Create(Services);
        _output = Directory.CreateTempSubdirectory("ainow-bench-").FullName;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_output, recursive: true);

    /// <summary>Model to files in memory: every object built and serialised.</summary>
    [Benchmark(Baseline = true)]
    public int Emit() => new KubernetesEmitter().Emit(_model).Count;

    /// <summary>Emit, then the atomic write (staging folder, swap).</summary>
    [Benchmark]
    public async Task<int> EmitAndWrite()
    {
        var files = new KubernetesEmitter().Emit(_model);
        await AtomicDirectoryWriter.WriteAsync(Path.Combine(_output, "kubernetes"), files);
        return files.Count;
    }
}
