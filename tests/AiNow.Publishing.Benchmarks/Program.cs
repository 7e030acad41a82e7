using AiNow.Publishing.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// --figures: a quick table (sizes, time, allocation, per service). Otherwise short BenchmarkDotNet runs in
// process: enough to compare sizes, quick on a 2-core machine; arguments go to BenchmarkDotNet (e.g. --filter '*Emit*').
if (args is ["--figures"])
{
    EmitterFigures.Print(Console.Out);
    return;
}

var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
BenchmarkRunner.Run<EmitterBenchmarks>(config, args);
