using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiNow.IntegrationTests.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace AiNow.IntegrationTests;

/// <summary>
/// Exactly once against a live competitor: the platform's worker is frozen mid-job (SIGSTOP) until its
/// lease runs out, a second worker with the same configuration claims the job and completes it, then
/// the first is thawed and tries to finish the attempt it started. Its completion must be refused:
/// the results come from one attempt and the tenant is charged one job's tokens once.
/// </summary>
[Collection(PlatformTests.Name)]
[Trait("Category", "Fault")]
public sealed partial class WorkerExactlyOnceTests(PlatformFixture platform)
{
    [Fact]
    public async Task AStalledWorkerThatWakesAfterAnotherCompletedItsJob_StoresNothing()
    {
        var tenant = await Tenants.CreateAsync(platform);
        using var client = tenant.CreateClient(platform);
        // One chunk of inputs: the test is about which attempt stores the results, not about how many there are.
        var inputs = Enumerable.Range(0, 16).Select(i => $"Job sentence {i}: leases, heartbeats and a worker that froze.").ToArray();
        var logs = platform.App.Services.GetRequiredService<ResourceLoggerService>();
        using var watching = new CancellationTokenSource(TestTimeouts.BatchJob * 2);

        Guid id;
        System.Collections.Concurrent.ConcurrentQueue<string> platformWorkerLog;
        ProcessStall stall;
        // Inference is frozen from before the job is queued until the worker is, so the job cannot finish before
        // the worker stalls however fast the machine is: the worker stalls with its inference call in flight.
        var inference = await platform.FreezeAsync("inference");
        try
        {
            id = await Batches.SubmitAsync(client, inputs);
            await Batches.WaitForStatusAsync(client, id, "running", TestTimeouts.BatchJob);

            var (pid, resourceId, _, _) = await SecondInstance.FirstAsync(platform, "worker");
            platformWorkerLog = Collect(logs.WatchAsync(resourceId), watching.Token);
            stall = ProcessStall.Freeze(pid);
        }
        finally
        {
            inference.Dispose();
        }

        string competitorOutput;
        SecondInstance? competitor = null;
        try
        {
            try
            {
                competitor = await SecondInstance.StartAsync(platform, "worker");
                var job = await competitor.ExplainingFailureAsync(() => Batches.WaitForStatusAsync(client, id, "succeeded", TestTimeouts.BatchJob));
                Assert.True(job.GetProperty("attempts").GetInt32() >= 2, $"the second worker should have claimed the job again; attempts: {job.GetProperty("attempts")}, completed at {job.GetProperty("completedAt")}");
                Assert.Equal(inputs.Length, job.GetProperty("results").GetArrayLength());
            }
            finally
            {
                stall.Dispose();
            }

            // The thawed worker finds its lease gone and abandons the attempt: an event, not a sleep.
            await WaitForLineAsync(platformWorkerLog, $"Batch job {id} is no longer this worker's", watching.Token);
        }
        finally
        {
            competitorOutput = competitor?.Output ?? "";
            if (competitor is not null)
            {
                await competitor.DisposeAsync();
            }
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
