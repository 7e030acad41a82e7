using AiNow.Publishing.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Short runs in process: enough to compare sizes, quick on a 2-core machine. Arguments go to
// BenchmarkDotNet (e.g. --filter '*Emit*').
var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
BenchmarkRunner.Run<EmitterBenchmarks>(config, args);
