using System.Globalization;
using System.Runtime.InteropServices;

namespace AiNow.GatewayBenchmark;

/// <summary>
/// The whole measurement: the four cases at each concurrency, interleaved (a, b, c, d at 1 connection, then at 4,
/// ...) so that a change in the machine's other load affects neighbours alike; then where the CPU went in the
/// platform cases at <see cref="ComparedConnections"/>, and the ratio of the cached gateway path to the bare proxy.
/// </summary>
internal static class GatewayMeasurement
{
    public const int ComparedConnections = 16;

    private static readonly int[] s_connections = [1, 4, ComparedConnections, 64];
    private static readonly TimeSpan s_warmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan s_duration = TimeSpan.FromSeconds(5);

    // The README's request: two short texts, as a client embedding a pair of sentences sends them.
    private const string CachedBody = """{"model":"all-MiniLM-L6-v2","input":["The cat sat on the mat.","A kitten lay on the rug."]}""";

    // The same shape and answer size, but texts no tenant has sent before, so each request reaches inference.
    private static string UncachedBody(long n) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"model":"all-MiniLM-L6-v2","input":["The cat {{n}} sat on the mat.","A kitten {{n}} lay on the rug."]}""");

    public static async Task<int> RunAsync(string workDirectory, string dataDirectory)
    {
        using var stop = new CancellationTokenSource();
        // Stopped by the script's time limit, its trap or Ctrl-C: stop the platform properly on the way out.
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
        try
        {
            return await MeasureAsync(workDirectory, dataDirectory, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("stopped before the end; no ratio");
            return 130;
        }
    }

    private static async Task<int> MeasureAsync(string workDirectory, string dataDirectory, CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(workDirectory, "pids");

        using var sink = await ChildServer.StartAsync("telemetry sink", pidFile, "sink");
        await using var platform = await GatewayPlatform.StartAsync(dataDirectory, sink.Address, cancellationToken);

        var answerFile = Path.Combine(workDirectory, "cached-answer.json");
        var answer = await platform.CachedAnswerAsync(await platform.CreateTenantKeyAsync(cancellationToken), CachedBody, cancellationToken);
        await File.WriteAllBytesAsync(answerFile, answer, cancellationToken);
        using var bare = await ChildServer.StartAsync("bare endpoint", pidFile, "bare-endpoint", answerFile);
        using var proxy = await ChildServer.StartAsync("bare proxy", pidFile, "bare-proxy", bare.Address.ToString());
        var named = new[] { sink, bare, proxy }.ToDictionary(child => child.ProcessId, child => child.Name);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"answer {answer.Length} bytes; each case {s_warmUp.TotalSeconds:F0} s warm-up, then {s_duration.TotalSeconds:F0} s measured; loopback only"));
        Console.WriteLine(LoadResult.Header);

        var embeddings = new Uri("/v1/embeddings", UriKind.Relative);
        var results = new List<LoadResult>();
        var profiles = new List<string>();
        foreach (var connections in s_connections)
        {
            var cases = new[]
            {
                new LoadCase("(a) bare endpoint", new Uri(bare.Address, embeddings), null, _ => CachedBody),
                new LoadCase("(b) bare YARP proxy", new Uri(proxy.Address, embeddings), null, _ => CachedBody),
                new LoadCase("(c) gateway cached", new Uri(platform.Gateway, embeddings), await platform.CreateTenantKeyAsync(cancellationToken), _ => CachedBody),
                new LoadCase("(d) gateway uncached", new Uri(platform.Gateway, embeddings), await platform.CreateTenantKeyAsync(cancellationToken), UncachedBody),
            };
            foreach (var loadCase in cases)
            {
                using var load = new LoadGenerator(loadCase, connections);
                await load.RunAsync(s_warmUp, cancellationToken);
                var profiled = connections == ComparedConnections && loadCase.ApiKey is not null;
                var profile = profiled ? await RequestProfile.StartAsync(platform.ConnectionString, named, cancellationToken) : null;
                var result = await load.RunAsync(s_duration, cancellationToken);
                results.Add(result);
                Console.WriteLine(result);
                if (profile is not null)
                {
                    profiles.Add(await profile.ReportAsync(result, cancellationToken));
                }
            }
        }

        foreach (var profile in profiles)
        {
            Console.WriteLine();
            Console.Write(profile);
        }

        Console.WriteLine();
        Console.WriteLine($"telemetry sink received {await TelemetrySinkReport.ReadAsync(sink.Address, cancellationToken)}");
        Console.WriteLine("figures from a shared 2-core machine: noisy; compare ratios within one run, not absolute values across runs");
        var cached = results.Single(result => result.Connections == ComparedConnections && result.Case.StartsWith("(c)", StringComparison.Ordinal));
        var bareProxy = results.Single(result => result.Connections == ComparedConnections && result.Case.StartsWith("(b)", StringComparison.Ordinal));
        Console.WriteLine($"(ratio below at {ComparedConnections} connections)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"gateway cached/bare proxy: {cached.RequestsPerSecond / bareProxy.RequestsPerSecond:F2}"));
        return 0;
    }
}
