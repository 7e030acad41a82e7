using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiNow.GatewayBenchmark;

/// <summary>
/// How every server of this program starts: on a loopback port the system picks, without logging (per-request
/// log lines would be what is measured), announcing its address on stdout for the process that started it.
/// </summary>
internal static class LoopbackServer
{
    /// <summary>The stdout prefix of the line that carries the server's address.</summary>
    public const string AddressPrefix = "listening: ";

    public static WebApplicationBuilder CreateBuilder(HttpProtocols protocols = HttpProtocols.Http1)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = protocols));
        return builder;
    }

    /// <summary>Starts the server, announces its address and serves until the process is stopped.</summary>
    public static async Task<int> ServeAsync(WebApplication app)
    {
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Console.WriteLine(AddressPrefix + address);
        await app.WaitForShutdownAsync();
        return 0;
    }
}
