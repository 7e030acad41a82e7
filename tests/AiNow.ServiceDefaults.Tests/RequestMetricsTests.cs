using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AiNow.ServiceDefaults.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AiNow.ServiceDefaults.Tests;

/// <summary>
/// The request metric the deployed rollout analysis reads is what the services really record:
/// ASP.NET Core's <c>http.server.request.duration</c> in seconds (Prometheus:
/// <c>http_server_request_duration_seconds_count</c>) with <c>http.response.status_code</c>, and the
/// probe endpoints are not in it, so kubelet and load-balancer health checks are never counted as traffic.
/// </summary>
public sealed class RequestMetricsTests
{
    [Fact]
    public async Task Requests_AreRecordedWithTheirStatus_AndProbesAreNot()
    {
        await using var host = await ServiceDefaultsHost.StartAsync(new Dictionary<string, string?>());

        // Only this host's meter: ASP.NET Core creates it from the host's IMeterFactory, so other hosts
        // running in parallel tests are not counted.
        var meterFactory = host.Services.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentQueue<(string Unit, IReadOnlyDictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == meterFactory && instrument.Meter.Name == "Microsoft.AspNetCore.Hosting" && instrument.Name == "http.server.request.duration")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) =>
            measurements.Enqueue((instrument.Unit ?? "", tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();
        foreach (var path in new[] { "/peer", "/health", "/alive", "/peer" })
        {
            using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative));
        }

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (measurements.Count(m => Equals(m.Tags.GetValueOrDefault("http.route"), "/peer")) < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var peer = measurements.Where(m => Equals(m.Tags.GetValueOrDefault("http.route"), "/peer")).ToList();
        Assert.Equal(2, peer.Count);
        Assert.All(peer, m =>
        {
            Assert.Equal("s", m.Unit);
            Assert.Equal(200, Convert.ToInt32(m.Tags["http.response.status_code"], System.Globalization.CultureInfo.InvariantCulture));
        });
        Assert.DoesNotContain(measurements, m => m.Tags.GetValueOrDefault("http.route") is "/health" or "/alive");
    }
}
