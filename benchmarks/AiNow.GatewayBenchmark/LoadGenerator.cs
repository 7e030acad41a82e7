using System.Collections.Concurrent;
using System.Diagnostics;

namespace AiNow.GatewayBenchmark;

/// <summary>
/// A closed-loop load generator: N loops, each sending its next request when the previous one is answered, over
/// N kept-alive connections, for a fixed time. The same instance runs the warm-up and the measured run, so the
/// measured run starts on warm connections.
/// </summary>
internal sealed class LoadGenerator(LoadCase loadCase, int connections) : IDisposable
{
    private static readonly TimeSpan s_requestTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
    })
    {
        Timeout = s_requestTimeout,
    };

    private long _sequence;

    public async Task<LoadResult> RunAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var errorKinds = new ConcurrentDictionary<string, long>();
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var loops = await Task.WhenAll(Enumerable.Range(0, connections)
            .Select(_ => Task.Run(() => LoopAsync(deadline, errorKinds, cancellationToken), cancellationToken)));
        var elapsed = Stopwatch.GetElapsedTime(started);

        var latencies = loops.SelectMany(loop => loop.Latencies).Order().ToArray();
        return new LoadResult(
            loadCase.Name,
            connections,
            latencies.Length,
            elapsed,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            errorKinds.Values.Sum(),
            errorKinds.OrderBy(kind => kind.Key, StringComparer.Ordinal).ToDictionary(),
            loops.Sum(loop => loop.CacheHits));
    }

    private async Task<(List<long> Latencies, long CacheHits)> LoopAsync(
        long deadline, ConcurrentDictionary<string, long> errorKinds, CancellationToken cancellationToken)
    {
        var latencies = new List<long>(capacity: 16 * 1024);
        var cacheHits = 0L;
        var buffer = new byte[16 * 1024];
        while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
        {
            using var request = loadCase.CreateRequest(Interlocked.Increment(ref _sequence));
            var sent = Stopwatch.GetTimestamp();
            try
            {
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                // The whole answer is read, as a client would, before the request counts as done.
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                while (await body.ReadAsync(buffer, cancellationToken) > 0)
                {
                }

                latencies.Add(Stopwatch.GetTimestamp() - sent);
                if (!response.IsSuccessStatusCode)
                {
                    errorKinds.AddOrUpdate(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                }
                else if (response.Headers.TryGetValues("X-AiNow-Cache", out var cache) && cache.Contains("hit"))
                {
                    cacheHits++;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                latencies.Add(Stopwatch.GetTimestamp() - sent);
                errorKinds.AddOrUpdate(exception.GetType().Name, 1, (_, n) => n + 1);
            }
        }

        return (latencies, cacheHits);
    }

    private static double Percentile(long[] sortedTicks, double quantile) =>
        sortedTicks.Length == 0
            ? double.NaN
            : sortedTicks[Math.Min(sortedTicks.Length - 1, (int)Math.Ceiling(quantile * sortedTicks.Length) - 1)] * 1000.0 / Stopwatch.Frequency;

    public void Dispose() => _client.Dispose();
}
