using System.Globalization;
using System.Runtime.InteropServices;

namespace AiNow.GatewayBenchmark;

/// <summary>
/// The figures Kubernetes sizing is checked against (eng/measure-sizing.sh): each service's start to ready, its
/// resident memory after the platform has idled, and its peak under the load a pod must carry (cached and uncached
/// embeddings through the gateway at <see cref="Connections"/> connections, then full-size batch jobs); the
/// migrations' run time and peak. The platform is the one the gateway measurement starts: as deployed, in Release.
/// </summary>
internal static class SizingMeasurement
{
    // The concurrency the gateway measurement compares at: where the request path is busy but not saturated.
    private const int Connections = 16;
    private const int BatchJobs = 3;

    private static readonly TimeSpan s_idle = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_warmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan s_duration = TimeSpan.FromSeconds(10);
    private static readonly string[] s_longRunning = ["gateway", "api", "inference", "worker"];

    // The README's request (two short texts), and the same shape with texts no tenant sent before.
    private const string CachedBody = """{"model":"all-MiniLM-L6-v2","input":["The cat sat on the mat.","A kitten lay on the rug."]}""";

    private static string UncachedBody(long n) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"model":"all-MiniLM-L6-v2","input":["The dog {{n}} ran in the park.","A puppy {{n}} slept by the door."]}""");

    public static async Task<int> RunAsync(string workDirectory, string dataDirectory, string tableFile)
    {
        using var stop = new CancellationTokenSource();
        // Stopped by the script's time limit, its trap or Ctrl-C: stop the platform properly on the way out.
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
        try
        {
            return await MeasureAsync(workDirectory, dataDirectory, tableFile, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("stopped before the end; no table written");
            return 130;
        }
    }

    private static async Task<int> MeasureAsync(string workDirectory, string dataDirectory, string tableFile, CancellationToken cancellationToken)
    {
        using var sink = await ChildServer.StartAsync("telemetry sink", Path.Combine(workDirectory, "pids"), "sink");
        await using var watch = StartupWatch.Start(RepositoryRoot());
        await using var platform = await GatewayPlatform.StartAsync(dataDirectory, sink.Address, cancellationToken);
        using (var timed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            // Every service is ready by now; only the last probe's answer may still be on its way.
            timed.CancelAfter(TimeSpan.FromSeconds(30));
            try
            {
                await watch.WaitUntilTimedAsync(timed.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException(
                    $"Timed only {string.Join(", ", watch.StartSeconds.Keys)}; found processes for {string.Join(", ", watch.Processes.Keys)}.");
            }
        }

        Console.WriteLine($"idling {s_idle.TotalSeconds:F0} s");
        await Task.Delay(s_idle, cancellationToken);
        var idle = s_longRunning.ToDictionary(service => service, service => Resident(watch, service));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load at {Connections} connections: {s_warmUp.TotalSeconds:F0} s warm-up, then {s_duration.TotalSeconds:F0} s measured; loopback only"));
        Console.WriteLine(LoadResult.Header);
        var embeddings = new Uri(platform.Gateway, "/v1/embeddings");
        foreach (var loadCase in new[]
        {
            new LoadCase("gateway cached", embeddings, await platform.CreateTenantKeyAsync(cancellationToken), _ => CachedBody),
            new LoadCase("gateway uncached", embeddings, await platform.CreateTenantKeyAsync(cancellationToken), UncachedBody),
        })
        {
            using var load = new LoadGenerator(loadCase, Connections);
            await load.RunAsync(s_warmUp, cancellationToken);
            Console.WriteLine(await load.RunAsync(s_duration, cancellationToken));
        }

        var batches = await BatchLoad.RunAsync(platform.Gateway, await platform.CreateTenantKeyAsync(cancellationToken), BatchJobs, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{BatchJobs} batch jobs of {Contracts.EmbeddingModel.MaxInputsPerBatch} texts x {BatchLoad.TextLength} characters: submitted, run and read back in {batches.TotalSeconds:F1} s"));

        var table = new SizingTable(
            [.. s_longRunning.Select(service => new ServiceSizing(service, watch.StartSeconds[service], idle[service], Peak(watch, service)))],
            watch.StartSeconds["migrations"],
            watch.MigrationsPeakBytes,
            string.Create(CultureInfo.InvariantCulture,
                $"POST /v1/embeddings through the gateway at {Connections} connections, {s_duration.TotalSeconds:F0} s cached then {s_duration.TotalSeconds:F0} s uncached (two short texts each); then {BatchJobs} batch jobs of {Contracts.EmbeddingModel.MaxInputsPerBatch} texts x {BatchLoad.TextLength} characters, results read back"),
            [
                "start to ready: from the service's own process start (/proc/<pid>/stat) to /health first answering 200, polled every 100 ms; the migrations from start to exit",
                "start times come from a shared 2-core machine busy with other jobs: noisy, read them as an order of magnitude; the memory figures are stable between runs",
                "idle RSS: VmRSS after the platform served nothing for 10 s; loaded peak: VmHWM after the load (the most resident memory since the process started)",
                "services run in Release and Production with the server garbage collector on this machine's cores, as a pod with a CPU limit of as many cores would",
            ]);
        Console.WriteLine();
        Console.Write(table.Print());
        await table.WriteAsync(tableFile, cancellationToken);
        Console.WriteLine($"written to {Path.GetRelativePath(RepositoryRoot(), Path.GetFullPath(tableFile))}");
        return 0;
    }

    private static long Resident(StartupWatch watch, string service) =>
        watch.Processes[service].ResidentBytes() ?? throw new InvalidOperationException($"{service} is no longer running.");

    private static long Peak(StartupWatch watch, string service) =>
        watch.Processes[service].PeakResidentBytes() ?? throw new InvalidOperationException($"{service} is no longer running.");

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AiNow.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No AiNow.sln above {AppContext.BaseDirectory}.");
    }
}
