using System.Diagnostics;
using System.Globalization;

namespace AiNow.GatewayBenchmark;

/// <summary>
/// A mode of this program run as a child process until disposed. Its id goes into the run's pid file, so the
/// script's exit trap stops it even when this process is killed before it can.
/// </summary>
internal sealed class ChildServer : IDisposable
{
    private static readonly TimeSpan s_startLimit = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    private ChildServer(string name, Process process, Uri address)
    {
        Name = name;
        _process = process;
        Address = address;
    }

    public string Name { get; }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public static async Task<ChildServer> StartAsync(string name, string pidFile, params string[] arguments)
    {
        var self = typeof(ChildServer).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [self, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The services are web projects, which run with the server garbage collector; so do their floors.
            Environment = { ["DOTNET_gcServer"] = "1" },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}.");
        await File.AppendAllTextAsync(pidFile, process.Id.ToString(CultureInfo.InvariantCulture) + "\n");
        process.ErrorDataReceived += (_, line) =>
        {
            if (!string.IsNullOrEmpty(line.Data))
            {
                Console.Error.WriteLine($"[{name}] {line.Data}");
            }
        };
        process.BeginErrorReadLine();

        using var limit = new CancellationTokenSource(s_startLimit);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
            {
                if (line.StartsWith(LoopbackServer.AddressPrefix, StringComparison.Ordinal))
                {
                    return new ChildServer(name, process, new Uri(line[LoopbackServer.AddressPrefix.Length..]));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        Stop(process);
        throw new InvalidOperationException($"{name} did not announce its address within {s_startLimit.TotalSeconds} s.");
    }

    public void Dispose() => Stop(_process);

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        process.Dispose();
    }
}
