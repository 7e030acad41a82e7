using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Configuration;

namespace AiNow.GatewayBenchmark;

/// <summary>
/// Case (b), the floor of any gateway hop: YARP with one catch-all route to the bare endpoint and nothing else
/// in the pipeline (no authentication, limits, signing or telemetry).
/// </summary>
internal static class BareProxy
{
    public static async Task<int> RunAsync(Uri destination)
    {
        var builder = LoopbackServer.CreateBuilder();
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "all", ClusterId = "bare", Match = new RouteMatch { Path = "{**path}" } }],
            [new ClusterConfig
            {
                ClusterId = "bare",
                Destinations = new Dictionary<string, DestinationConfig> { ["bare"] = new() { Address = destination.ToString() } },
            }]);
        var app = builder.Build();
        app.MapReverseProxy();
        return await LoopbackServer.ServeAsync(app);
    }
}
