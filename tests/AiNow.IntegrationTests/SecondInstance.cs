using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;

namespace AiNow.IntegrationTests;

/// <summary>
/// A second replica of one of the platform's services, as a cluster would run it: the same project
/// with the environment the AppHost gave the first (its stores, its peers, its keys), on its own
/// loopback port. The test that starts one disposes it; its output is kept for failure messages.
/// </summary>
internal sealed class SecondInstance : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SecondInstance(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>Where it listens (<c>http://127.0.0.1:port/</c>).</summary>
    public Uri Address { get; }

    /// <summary>Everything it printed so far.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>The running first instance of <paramref name="resource"/>: its process, resource instance and environment.</summary>
    public static async Task<(int Pid, string ResourceId, IReadOnlyDictionary<string, string> Environment, string Project)> FirstAsync(PlatformFixture platform, string resource)
    {
        var notifications = platform.App.Services.GetRequiredService<ResourceNotificationService>();
        using var timeout = new CancellationTokenSource(TestTimeouts.ResourceTransition);
        var running = await notifications.WaitForResourceAsync(resource,
            e => e.Snapshot.State?.Text == KnownResourceStates.Running && e.Snapshot.Properties.Any(p => p.Name == "executable.pid"),
            timeout.Token);
        var snapshot = running.Snapshot;
        var pid = Convert.ToInt32(snapshot.Properties.First(p => p.Name == "executable.pid").Value, System.Globalization.CultureInfo.InvariantCulture);
        var project = (string)snapshot.Properties.First(p => p.Name == "project.path").Value!;
        // Telemetry would go to the test host's dead collector and retry for seconds.
        var environment = snapshot.EnvironmentVariables
            .Where(v => v.Value is not null && !v.Name.StartsWith("OTEL_", StringComparison.Ordinal))
            .ToDictionary(v => v.Name, v => v.Value!, StringComparer.Ordinal);
        return (pid, running.ResourceId, environment, project);
    }

    /// <summary>Starts a second instance of <paramref name="resource"/> and waits until it answers <c>/alive</c>.</summary>
    public static async Task<SecondInstance> StartAsync(PlatformFixture platform, string resource)
    {
        var (_, _, environment, project) = await FirstAsync(platform, resource);
        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        var configuration = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar).Contains("Release") ? "Release" : "Debug";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "run", "--no-build", "--no-launch-profile", "-c", configuration, "--project", project })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment.Where(v => !v.Key.EndsWith("PORTS", StringComparison.Ordinal) && v.Key != "ASPNETCORE_URLS"))
        {
            start.Environment[name] = value;
        }

        // Its own port (the first instance holds the one it was given), and plain log lines, one per event.
        start.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";

        var process = new Process { StartInfo = start };
        var instance = new SecondInstance(process, address);
        process.OutputDataReceived += (_, e) => instance._output.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => instance._output.Enqueue(e.Data ?? "");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await instance.WaitUntilAliveAsync();
        return instance;
    }

    /// <summary>Runs <paramref name="wait"/>; when it fails, the failure carries this instance's last lines.</summary>
    public async Task<T> ExplainingFailureAsync<T>(Func<Task<T>> wait)
    {
        try
        {
            return await wait();
        }
        catch (Exception e) when (e is TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new TimeoutException($"{e.Message}\nThe second instance printed:\n{string.Join('\n', _output.TakeLast(40))}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilAliveAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        using var deadline = new CancellationTokenSource(TestTimeouts.ResourceTransition);
        while (!deadline.IsCancellationRequested)
        {
            Assert.False(_process.HasExited, $"the second instance exited:\n{Output}");
            try
            {
                using var alive = await client.GetAsync("/alive", deadline.Token);
                if (alive.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
            {
                // A slow first answer.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        }

        throw new TimeoutException($"the second instance did not answer /alive within {TestTimeouts.ResourceTransition}:\n{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
