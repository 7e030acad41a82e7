using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiNow.Testing.Otlp;

/// <summary>
/// An OTLP/HTTP (protobuf) receiver on loopback that keeps every span, log record and metric point the
/// services export, so tests see telemetry exactly as a collector would receive it.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The base endpoint (<c>http://127.0.0.1:port</c>) for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Spans received so far.</summary>
    public ConcurrentQueue<ReceivedSpan> Spans { get; } = new();

    /// <summary>Log records received so far.</summary>
    public ConcurrentQueue<ReceivedLog> Logs { get; } = new();

    /// <summary>Metric points received so far (every export's, cumulative sums repeated).</summary>
    public ConcurrentQueue<ReceivedPoint> Points { get; } = new();

    /// <summary>Paths posted to that are no OTLP signal, or bodies that did not decode (an exporter misconfigured).</summary>
    public ConcurrentQueue<string> Rejected { get; } = new();

    /// <summary>Starts a receiver on a free loopback port.</summary>
    public static async Task<OtlpReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/{**path}", receiver.ReceiveAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Endpoint = new Uri(address);
        return receiver;
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
        var path = request.Path.Value ?? "";
        try
        {
            var message = ProtobufMessage.Parse(body.ToArray());
            switch (path)
            {
                case "/v1/traces":
                    Enqueue(Spans, OtlpDecoder.Spans(message));
                    break;
                case "/v1/logs":
                    Enqueue(Logs, OtlpDecoder.Logs(message));
                    break;
                case "/v1/metrics":
                    Enqueue(Points, OtlpDecoder.Points(message));
                    break;
                default:
                    Rejected.Enqueue($"POST {path}");
                    return Results.NotFound();
            }
        }
        catch (FormatException exception)
        {
            Rejected.Enqueue($"POST {path}: {exception.Message}");
            return Results.BadRequest();
        }

        // An empty ExportXxxServiceResponse: full success.
        return Results.Bytes([], "application/x-protobuf");
    }

    private static void Enqueue<T>(ConcurrentQueue<T> queue, IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            queue.Enqueue(item);
        }
    }

    /// <summary>Stops the receiver.</summary>
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
