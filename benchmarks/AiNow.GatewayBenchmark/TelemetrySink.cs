using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AiNow.GatewayBenchmark;

/// <summary>
/// Stands where the cluster's OpenTelemetry Collector stands: an OTLP receiver over gRPC (cleartext HTTP/2, the
/// protocol the deployed services use) that reads each export, discards it and answers success, so the services
/// pay the whole cost of exporting and nothing of a real collector's processing lands on this machine.
/// </summary>
internal static class TelemetrySink
{
    // An empty Export*ServiceResponse as one gRPC message: not compressed, length 0.
    private static readonly byte[] s_emptyGrpcMessage = [0, 0, 0, 0, 0];

    private static long s_exports;
    private static long s_bytes;

    public static async Task<int> RunAsync()
    {
        var app = LoopbackServer.CreateBuilder(HttpProtocols.Http2).Build();
        app.MapPost("/{**path}", ReceiveAsync);
        // Asked for by the measurement at the end, as evidence that telemetry really flowed during the run.
        app.MapGet("/received", () => Results.Text($"{Interlocked.Read(ref s_exports)} exports, {Interlocked.Read(ref s_bytes)} bytes"));
        return await LoopbackServer.ServeAsync(app);
    }

    private static async Task ReceiveAsync(HttpContext context)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            Interlocked.Add(ref s_bytes, read);
        }

        Interlocked.Increment(ref s_exports);
        context.Response.ContentType = "application/grpc";
        await context.Response.Body.WriteAsync(s_emptyGrpcMessage, context.RequestAborted);
        context.Response.AppendTrailer("grpc-status", "0");
    }
}
