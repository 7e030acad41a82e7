using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace AiNow.IntegrationTests.Faults;

/// <summary>
/// Without inference, embeddings are refused quickly (503, retryable) instead of hanging, and batch jobs wait
/// for it: their failed tries are not counted as attempts, so they complete once it returns.
/// </summary>
[Collection(PlatformTests.Name)]
[Trait("Category", "Fault")]
public sealed class InferenceFaultTests(PlatformFixture platform, ITestOutputHelper output)
{
    public static readonly TimeSpan RefusedWithin = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Embeddings_WhileInferenceIsStopped_AreRefusedQuicklyAndBatchesWaitForIt()
    {
        var probe = new FaultProbe(output, "inference stopped");
        var tenant = await Tenants.CreateAsync(platform);
        using var client = tenant.CreateClient(platform);
        Guid jobId;

        await platform.StopAsync("inference");
        try
        {
            for (var i = 0; i < 3; i++)
            {
                using var refused = await probe.SendAsync("embeddings", RefusedWithin,
                    () => client.PostAsJsonAsync("/v1/embeddings", new { input = $"uncached {Guid.NewGuid():N}" }));
                await FaultProbe.AssertRetryableAsync(refused, "Embeddings without inference");
                // The tenant learns that embeddings are unavailable, not which internal service is down.
                Assert.DoesNotContain("inference", await refused.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
            }

            using var accepted = await probe.SendAsync("submit a batch", RefusedWithin,
                () => client.PostAsJsonAsync("/v1/batches", new { input = new[] { "waits for inference", "and completes" } }));
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            jobId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

            // The worker has tried (the job says why it waits) without spending the attempt.
            var waiting = await WaitForJobAsync(client, jobId, job => job.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String);
            Assert.Equal("queued", waiting.GetProperty("status").GetString());
            Assert.Equal(0, waiting.GetProperty("attempts").GetInt32());
        }
        finally
        {
            await platform.StartAsync("inference");
        }

        var done = await Batches.WaitForStatusAsync(client, jobId, "succeeded", TestTimeouts.BatchJob);
        Assert.Equal(1, done.GetProperty("attempts").GetInt32());
        probe.Summarize();
    }

    private static async Task<JsonElement> WaitForJobAsync(HttpClient client, Guid id, Func<JsonElement, bool> condition)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.BatchJob);
        while (true)
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/v1/batches/{id}", deadline.Token);
            if (condition(job))
            {
                return job;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), deadline.Token);
        }
    }
}
