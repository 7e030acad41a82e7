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
        var inputs = Enumerable.Range(0, 64)
            .Select(i => $"Sentence number {i} about distributed job queues, leases and retries in PostgreSQL.")
            .ToArray();
        var oneJobsTokens = await TokensOfAsync(client, inputs);

        Guid id;
        // Inference is frozen from before the job is queued until the worker is dead, so the job cannot finish
        // before the kill however fast the machine is: the worker dies with its first inference call in flight.
        var inference = await platform.FreezeAsync("inference");
        try
        {
            id = await Batches.SubmitAsync(client, inputs);

            await Batches.WaitForStatusAsync(client, id, "running", TestTimeouts.BatchJob);
            await platform.KillAsync("worker");
        }
        finally
        {
            inference.Dispose();
        }

        await platform.StartAsync("worker");

        var job = await Batches.WaitForStatusAsync(client, id, "succeeded", TestTimeouts.BatchJob);
        Assert.True(job.GetProperty("attempts").GetInt32() >= 2, $"The job should have been claimed again: {job}");
        Assert.Equal(inputs.Length, job.GetProperty("results").GetArrayLength());

        var usage = await client.GetFromJsonAsync<JsonElement>("/v1/usage");
        var batchUsage = Assert.Single(usage.GetProperty("operations").EnumerateArray(),
            operation => operation.GetProperty("operation").GetString()!.StartsWith("batch", StringComparison.Ordinal));
        Assert.Equal(1, batchUsage.GetProperty("requests").GetInt64());
        Assert.Equal(oneJobsTokens, batchUsage.GetProperty("tokens").GetInt64());
    }

    /// <summary>The tokens the texts cost when embedded once, as the embeddings endpoint counts them.</summary>
    private static async Task<long> TokensOfAsync(HttpClient client, string[] inputs)
    {
        using var response = await client.PostAsJsonAsync("/v1/embeddings", new { input = inputs });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("usage").GetProperty("total_tokens").GetInt64();
    }
}
