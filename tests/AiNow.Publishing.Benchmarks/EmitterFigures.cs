using System.Diagnostics;
using System.Globalization;
using System.Text;
using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Tests.Synthetic;

namespace AiNow.Publishing.Benchmarks;

/// <summary>
/// A quick table of the Kubernetes emitter at 10, 100 and 1,000 services: files and bytes written, the median
/// time of three runs, bytes allocated, and per service, so linearity and the cost per output byte read off directly.
/// </summary>
internal static class EmitterFigures
{
    private const int Runs = 3;
    private const int WarmUpRuns = 3;

    public static void Print(TextWriter output)
    {
        output.WriteLine("services  files  output MB  emit ms  allocated MB  ms/service  allocated/output");
        foreach (var services in new[] { 10, 100, 1000 })
        {
            var model = SyntheticModels.Create(services);
            // Warm-up: the runtime compiles hot methods again, optimized, after they have run a while (tiered
            // compilation), on a background thread; a single run would time a mix of both compilations.
            for (var warmUp = 0; warmUp < WarmUpRuns; warmUp++)
            {
                new KubernetesEmitter().Emit(model);
            }

            Thread.Sleep(TimeSpan.FromMilliseconds(200));

            var times = new List<double>();
            long allocated = 0;
            long bytes = 0;
            var files = 0;
            for (var run = 0; run < Runs; run++)
            {
                GC.Collect();
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var watch = Stopwatch.StartNew();
                var emitted = new KubernetesEmitter().Emit(model);
                times.Add(watch.Elapsed.TotalMilliseconds);
                allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                files = emitted.Count;
                bytes = emitted.Sum(f => (long)Encoding.UTF8.GetByteCount(f.Content));
            }

            var median = times.Order().ElementAt(Runs / 2);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{services,8}  {files,5}  {bytes / 1e6,9:F1}  {median,7:F0}  {allocated / 1e6,12:F0}  {median / services,10:F2}  {(double)allocated / bytes,16:F1}"));
        }
    }
}
