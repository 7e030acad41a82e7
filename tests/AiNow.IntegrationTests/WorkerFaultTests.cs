using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiNow.IntegrationTests.Faults;

namespace AiNow.IntegrationTests;

[Collection(PlatformTests.Name)]
[Trait("Category", "Fault")]
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
        await platform.KillAsync("worker");
        await platform.StartAsync("worker");

        var job = await Batches.WaitForStatusAsync(client, id, "succeeded", TestTimeouts.BatchJob);
        Assert.True(job.GetProperty("attempts").GetInt32() >= 2, $"The job should have been claimed again: {job}");
        Assert.Equal(inputs.Length, job.GetProperty("results").GetArrayLength());

        var usage = await client.GetFromJsonAsync<JsonElement>("/v1/usage");
        var batchUsage = usage.GetProperty("operations").EnumerateArray()
            .Where(operation => operation.GetProperty("operation").GetString()!.StartsWith("batch", StringComparison.Ordinal))
            .ToArray();
        Assert.Equal(1, Assert.Single(batchUsage).GetProperty("requests").GetInt64());
    }
}
