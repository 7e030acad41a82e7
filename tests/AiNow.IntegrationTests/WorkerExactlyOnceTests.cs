using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace AiNow.IntegrationTests;

/// <summary>
/// Exactly once against a live competitor: the platform's worker is frozen mid-job (SIGSTOP) until its
/// lease runs out, a second worker with the same configuration claims the job and completes it, then
/// the first is thawed and tries to finish the attempt it started. Its completion must be refused:
/// the results come from one attempt and the tenant is charged one job's tokens once.
/// </summary>
[Collection(PlatformTests.Name)]
public sealed partial class WorkerExactlyOnceTests(PlatformFixture platform)
{
    [Fact]
    public async Task AStalledWorkerThatWakesAfterAnotherCompletedItsJob_StoresNothing()
    {
        var tenant = await Tenants.CreateAsync(platform);
        using var client = tenant.CreateClient(platform);
        var inputs = Enumerable.Range(0, 1024).Select(i => $"Job sentence {i}: leases, heartbeats and a worker that froze.").ToArray();
        var logs = platform.App.Services.GetRequiredService<ResourceLoggerService>();
        using var watching = new CancellationTokenSource(TestTimeouts.BatchJob * 2);

        using var accepted = await client.PostAsJsonAsync("/v1/batches", new { input = inputs });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Batches.WaitForStatusAsync(client, id, "running", TestTimeouts.BatchJob);

        var (pid, resourceId, environment, project) = await PlatformWorkerAsync();
        var platformWorkerLog = Collect(logs.WatchAsync(resourceId), watching.Token);
        Signal("STOP", pid);
        Competitor? competitor = null;
        string competitorOutput;
        try
        {
            try
            {
                competitor = StartCompetitor(project, environment);
                var job = await WithOutputOf(competitor, () => Batches.WaitForStatusAsync(client, id, "succeeded", TestTimeouts.BatchJob));
                Assert.True(job.GetProperty("attempts").GetInt32() >= 2, $"the second worker should have claimed the job again; attempts: {job.GetProperty("attempts")}, completed at {job.GetProperty("completedAt")}");
                Assert.Equal(inputs.Length, job.GetProperty("results").GetArrayLength());
            }
            finally
            {
                Signal("CONT", pid);
            }

            // The thawed worker finds its lease gone and abandons the attempt: an event, not a sleep.
            await WaitForLineAsync(platformWorkerLog, $"Lost the lease on batch job {id}", watching.Token);
        }
        finally
        {
            competitorOutput = await StopAsync(competitor);
        }

        var completed = CompletedLine().Match(competitorOutput);
        Assert.True(completed.Success && completed.Groups["id"].Value == id.ToString(), $"the second worker did not complete the job:\n{competitorOutput}");

        var again = await client.GetFromJsonAsync<JsonElement>($"/v1/batches/{id}");
        Assert.Equal("succeeded", again.GetProperty("status").GetString());
        var usage = await client.GetFromJsonAsync<JsonElement>("/v1/usage");
        var batch = Assert.Single(usage.GetProperty("operations").EnumerateArray(), o => o.GetProperty("operation").GetString()!.StartsWith("batch", StringComparison.Ordinal));
        Assert.Equal(1, batch.GetProperty("requests").GetInt64());
        Assert.Equal(long.Parse(completed.Groups["tokens"].Value, System.Globalization.CultureInfo.InvariantCulture), batch.GetProperty("tokens").GetInt64());
    }

    /// <summary>The platform worker's process id, its resource instance (whose log to watch), its environment as the AppHost gave it, and its project.</summary>
    private async Task<(int Pid, string ResourceId, IReadOnlyDictionary<string, string> Environment, string Project)> PlatformWorkerAsync()
    {
        var notifications = platform.App.Services.GetRequiredService<ResourceNotificationService>();
        using var timeout = new CancellationTokenSource(TestTimeouts.ResourceTransition);
        var running = await notifications.WaitForResourceAsync("worker",
            e => e.Snapshot.State?.Text == KnownResourceStates.Running && e.Snapshot.Properties.Any(p => p.Name == "executable.pid"),
            timeout.Token);
        var snapshot = running.Snapshot;
        var pid = Convert.ToInt32(snapshot.Properties.First(p => p.Name == "executable.pid").Value, System.Globalization.CultureInfo.InvariantCulture);
        var project = (string)snapshot.Properties.First(p => p.Name == "project.path").Value!;
        var environment = snapshot.EnvironmentVariables
            .Where(v => v.Value is not null && !v.Name.StartsWith("OTEL_", StringComparison.Ordinal))
            .ToDictionary(v => v.Name, v => v.Value!, StringComparer.Ordinal);
        return (pid, running.ResourceId, environment, project);
    }

    private static Competitor StartCompetitor(string project, IReadOnlyDictionary<string, string> environment)
    {
        var configuration = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar).Contains("Release") ? "Release" : "Debug";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "run", "--no-build", "--no-launch-profile", "-c", configuration, "--project", project })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        // Its own loopback port for the health endpoint (the platform's worker holds the one it was given),
        // and plain lines, one per event, for the completion line below.
        foreach (var port in start.Environment.Keys.Where(k => k.EndsWith("PORTS", StringComparison.Ordinal) || k == "ASPNETCORE_URLS").ToList())
        {
            start.Environment.Remove(port);
        }

        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        var process = new Process { StartInfo = start };
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Competitor(process, output);
    }

    /// <summary>Runs <paramref name="wait"/>; when it fails, the failure carries the second worker's last lines.</summary>
    private static async Task<T> WithOutputOf<T>(Competitor competitor, Func<Task<T>> wait)
    {
        try
        {
            return await wait();
        }
        catch (Exception e) when (e is TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new TimeoutException($"{e.Message}\nThe second worker printed:\n{string.Join('\n', competitor.Output.TakeLast(40))}", e);
        }
    }

    /// <summary>Stops the second worker (it is this test's to remove) and returns what it printed.</summary>
    private static async Task<string> StopAsync(Competitor? competitor)
    {
        if (competitor is null)
        {
            return "";
        }

        competitor.Process.Kill(entireProcessTree: true);
        await competitor.Process.WaitForExitAsync();
        competitor.Process.Dispose();
        return string.Join('\n', competitor.Output);
    }

    private sealed record Competitor(Process Process, System.Collections.Concurrent.ConcurrentQueue<string> Output);

    /// <summary>Signals the process and every descendant: the AppHost starts the worker through a host process.</summary>
    private static void Signal(string signal, int pid)
    {
        var tree = Descendants(pid).Prepend(pid).Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var kill = Process.Start("kill", [$"-{signal}", .. tree])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private static IEnumerable<int> Descendants(int pid)
    {
        var children = File.Exists($"/proc/{pid}/task/{pid}/children")
            ? File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList()
            : [];
        return children.Concat(children.SelectMany(Descendants));
    }

    private static System.Collections.Concurrent.ConcurrentQueue<string> Collect(IAsyncEnumerable<IReadOnlyList<LogLine>> lines, CancellationToken cancellationToken)
    {
        var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in lines.WithCancellation(cancellationToken))
                {
                    foreach (var line in batch)
                    {
                        seen.Enqueue(line.Content);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The test is over.
            }
        }, CancellationToken.None);
        return seen;
    }

    private static async Task WaitForLineAsync(System.Collections.Concurrent.ConcurrentQueue<string> lines, string text, CancellationToken cancellationToken)
    {
        while (!lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            Assert.False(cancellationToken.IsCancellationRequested, $"the platform's worker never logged \"{text}\"; it logged:\n{string.Join('\n', lines.TakeLast(30))}");
            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }
    }

    [GeneratedRegex(@"Batch job (?<id>[0-9a-f-]{36}) succeeded: \d+ vectors, (?<tokens>\d+) tokens")]
    private static partial Regex CompletedLine();
}
