using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace AiNow.Testing;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, in a throwaway folder, with nothing persisted, and a client
/// connected to it. Disposing kills the server and deletes the folder. The server comes from the machine
/// (<c>eng/install-prerequisites.sh</c> installs it); without it the test fails saying how to get it.
/// </summary>
public sealed class TemporaryRedis : IRedisServer
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _server;
    private readonly string _directory;

    private TemporaryRedis(Process server, string directory, int port, ConnectionMultiplexer redis)
    {
        _server = server;
        _directory = directory;
        Port = port;
        Redis = redis;
    }

    public int Port { get; }

    public ConnectionMultiplexer Redis { get; }

    /// <summary>Freezes the server (SIGSTOP) until the result is disposed: a hung Redis, its connections open and silent.</summary>
    public ProcessStall Freeze() => ProcessStall.Freeze(_server.Id);

    public static async Task<TemporaryRedis> StartAsync()
    {
        var executable = FindServer() ?? throw new InvalidOperationException(
            "redis-server was not found on the PATH. Run eng/install-prerequisites.sh (or: sudo apt-get install -y redis-server).");
        var port = LoopbackPorts.Free();
        var directory = Directory.CreateTempSubdirectory("ainow-redis-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory,
            "--save", "", "--appendonly", "no", "--daemonize", "no",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var server = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            return new TemporaryRedis(server, directory, port, await ConnectAsync(port, server));
        }
        catch
        {
            Stop(server, directory);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Redis.DisposeAsync();
        Stop(_server, _directory);
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(int port, Process server)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},connectTimeout=1000");
            }
            catch (RedisConnectionException) when (clock.Elapsed < s_startTimeout && !server.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    private static void Stop(Process server, string directory)
    {
        if (!server.HasExited)
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
        }

        server.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private static string? FindServer() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "redis-server"))
            .FirstOrDefault(File.Exists);
}
