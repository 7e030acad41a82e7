using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AiNow.AppHost.Tests;

/// <summary>
/// A process a test starts: its output kept, every wait bounded, and killed with everything it
/// started if the test leaves it running, so a failing test leaves no server behind.
/// </summary>
internal sealed class TestProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private TestProcess(ProcessStartInfo startInfo)
    {
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.UseShellExecute = false;
        _process = new Process { StartInfo = startInfo };
        _process.OutputDataReceived += (_, line) => Collect(line.Data);
        _process.ErrorDataReceived += (_, line) => Collect(line.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts <paramref name="fileName"/>; environment entries with a null value are removed.</summary>
    public static TestProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var startInfo = new ProcessStartInfo(fileName, arguments);
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        return new TestProcess(startInfo);
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until the output holds <paramref name="text"/>; fails if the process exits first or time runs out.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || deadline.Elapsed > timeout)
            {
                // Output still in flight when the process exited would otherwise be missing from the message.
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                Assert.Fail($"'{text}' did not appear within {timeout.TotalSeconds} s" +
                    (_process.HasExited ? $" (the process exited with code {_process.ExitCode})" : "") + $". Output:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the exit and returns its code; fails, killing the process, when time runs out.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"The process did not exit within {timeout.TotalSeconds} s. Output:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as an orchestrator stopping it would.</summary>
    public void Terminate() => Signal(_process.Id, "TERM");

    /// <summary>Ends the process at once (SIGKILL) but not what it started: a crash, or an orchestrator that gave up waiting.</summary>
    public void KillAlone()
    {
        _process.Kill(entireProcessTree: false);
        // The bounded wait, unlike the others, does not wait for the end of the output, which the
        // surviving children keep open.
        Assert.True(_process.WaitForExit(TimeSpan.FromSeconds(10)), "The process outlived SIGKILL.");
    }

    /// <summary>Sends <paramref name="signal"/> (a name such as TERM or QUIT) to the process <paramref name="pid"/>.</summary>
    public static void Signal(int pid, string signal)
    {
        // .NET sends only SIGKILL; bash, which the tested scripts need anyway, sends the rest.
        using var kill = Process.Start("bash", ["-c", "kill -s \"$0\" \"$1\"", signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
