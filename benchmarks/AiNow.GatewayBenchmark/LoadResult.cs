using System.Globalization;

namespace AiNow.GatewayBenchmark;

/// <summary>One case at one concurrency: successful requests per second, latency percentiles and failures.</summary>
/// <param name="Case">The case's name.</param>
/// <param name="Connections">Concurrent connections, each with one request in flight.</param>
/// <param name="Requests">Requests answered (errors included) in the measured time.</param>
/// <param name="Elapsed">From the first request sent to the last answer read.</param>
/// <param name="P50Milliseconds">Median latency, from sending to the last byte of the answer.</param>
/// <param name="P99Milliseconds">99th percentile latency.</param>
/// <param name="Errors">Requests that threw or answered other than 2xx.</param>
/// <param name="ErrorKinds">Each kind of failure (status code or exception type) with its count, for the report.</param>
/// <param name="CacheHits">Responses that carried <c>X-AiNow-Cache: hit</c>.</param>
internal sealed record LoadResult(
    string Case,
    int Connections,
    long Requests,
    TimeSpan Elapsed,
    double P50Milliseconds,
    double P99Milliseconds,
    long Errors,
    IReadOnlyDictionary<string, long> ErrorKinds,
    long CacheHits)
{
    /// <summary>Successful answers per second: a fast refusal must not pass for throughput.</summary>
    public double RequestsPerSecond => (Requests - Errors) / Elapsed.TotalSeconds;

    public const string Header = "case                    conns      req/s     p50 ms     p99 ms   errors  cache hits";

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Case,-22} {Connections,6} {RequestsPerSecond,10:F1} {P50Milliseconds,10:F2} {P99Milliseconds,10:F2} {Errors,8}  {(Requests == 0 ? 0 : 100.0 * CacheHits / Requests),9:F0}%")
        + (ErrorKinds.Count == 0 ? "" : "  (" + string.Join(", ", ErrorKinds.Select(kind => string.Create(CultureInfo.InvariantCulture, $"{kind.Key} x{kind.Value}"))) + ")");
}
