using System.Globalization;
using Garnet;
using StackExchange.Redis;

namespace AiNow.Testing;

/// <summary>
/// A Garnet server in the test process on a free loopback port, with Lua on as the local run starts it, and a client
/// connected to it. Disposing closes the client and stops the server; nothing it stored survives.
/// </summary>
public sealed class TemporaryGarnet : IRedisServer
{
    private readonly GarnetServer _server;

    private TemporaryGarnet(GarnetServer server, int port, ConnectionMultiplexer redis)
    {
        _server = server;
        Port = port;
        Redis = redis;
    }

    public int Port { get; }

    /// <summary>The client connected to the server.</summary>
    public ConnectionMultiplexer Redis { get; }

    /// <summary>The server's address as a Redis connection string.</summary>
    public string EndPoint => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public static async Task<TemporaryGarnet> StartAsync()
    {
        var port = LoopbackPorts.Free();
        var server = new GarnetServer(["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--lua"]);
        try
        {
            server.Start();
            return new TemporaryGarnet(server, port, await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port}"));
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Redis.DisposeAsync();
        _server.Dispose();
    }
}
