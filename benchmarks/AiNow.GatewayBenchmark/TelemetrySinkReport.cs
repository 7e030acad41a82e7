namespace AiNow.GatewayBenchmark;

/// <summary>Asks the telemetry sink how much it received: evidence that the services exported during the run.</summary>
internal static class TelemetrySinkReport
{
    public static async Task<string> ReadAsync(Uri sink, CancellationToken cancellationToken)
    {
        // The sink speaks cleartext HTTP/2 only, as a gRPC receiver does.
        using var client = new HttpClient { DefaultRequestVersion = new Version(2, 0), DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        return await client.GetStringAsync(new Uri(sink, "/received"), cancellationToken);
    }
}
