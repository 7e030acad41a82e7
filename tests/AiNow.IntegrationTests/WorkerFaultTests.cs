using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace AiNow.IntegrationTests;

[Collection(PlatformTests.Name)]
public sealed class WorkerFaultTests(PlatformFixture platform)
{
    [Fact]
    public async Task Batch_WhenTheWorkerIsKilledMidJob_CompletesOnceAfterItRestarts()
    {
        var tenant = await Tenants.CreateAsync(platform);
        using var client = tenant.CreateClient(platform);
        // Enough texts that the job is still running when the worker dies.
        var inputs = Enumerable.Range(0, 600)
            .Select(i => $"Sentence number {i} about distributed job queues, leases and retries in PostgreSQL.")
            .ToArray();

        using var accepted = await client.PostAsJsonAsync("/v1/batches", new { input = inputs });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await Batches.WaitForStatusAsync(client, id, "running", TestTimeouts.BatchJob);
        await KillWorkerAsync();
        await StartWorkerAsync();

        var job = await Batches.WaitForStatusAsync(client, id, "succeeded", TestTimeouts.BatchJob);
        Assert.True(job.GetProperty("attempts").GetInt32() >= 2, $"The job should have been claimed again: {job}");
        Assert.Equal(inputs.Length, job.GetProperty("results").GetArrayLength());

        var usage = await client.GetFromJsonAsync<JsonElement>("/v1/usage");
        var batchUsage = usage.GetProperty("operations").EnumerateArray()
            .Where(operation => operation.GetProperty("operation").GetString()!.StartsWith("batch", StringComparison.Ordinal))
            .ToArray();
        Assert.Equal(1, Assert.Single(batchUsage).GetProperty("requests").GetInt64());
    }

    /// <summary>SIGKILL, not a graceful stop: the worker gets no chance to release its lease.</summary>
    private async Task KillWorkerAsync()
    {
        var notifications = platform.App.Services.GetRequiredService<ResourceNotificationService>();
        using var timeout = new CancellationTokenSource(TestTimeouts.ResourceTransition);
        var running = await notifications.WaitForResourceAsync("worker",
            e => e.Snapshot.State?.Text == KnownResourceStates.Running
                 && e.Snapshot.Properties.Any(p => p.Name == "executable.pid"),
            timeout.Token);
        var pid = Convert.ToInt32(running.Snapshot.Properties.First(p => p.Name == "executable.pid").Value, System.Globalization.CultureInfo.InvariantCulture);

        using (var process = Process.GetProcessById(pid))
        {
            process.Kill(entireProcessTree: true);
        }

        await notifications.WaitForResourceAsync("worker",
            e => e.Snapshot.State?.Text is "Exited" or "Finished" or "FailedToStart", timeout.Token);
    }

    private async Task StartWorkerAsync()
    {
        var commands = platform.App.Services.GetRequiredService<ResourceCommandService>();
        using var timeout = new CancellationTokenSource(TestTimeouts.ResourceTransition);
        var result = await commands.ExecuteCommandAsync("worker", KnownResourceCommands.StartCommand, timeout.Token);
        Assert.True(result.Success, $"Restarting the worker failed: {result.Message}");
        await platform.App.Services.GetRequiredService<ResourceNotificationService>()
            .WaitForResourceHealthyAsync("worker", timeout.Token);
    }
}
