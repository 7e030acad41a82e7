using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AiNow.IntegrationTests;

[Collection(PlatformTests.Name)]
public sealed class BatchTests(PlatformFixture platform)
{
    [Fact]
    public async Task Batch_IsAcceptedThenCompletesWithOneVectorPerInput()
    {
        var tenant = await Tenants.CreateAsync(platform);
        using var client = tenant.CreateClient(platform);
        string[] inputs = ["first text", "second text", "third text", "fourth text", "fifth text"];

        using var accepted = await client.PostAsJsonAsync("/v1/batches", new { input = inputs });

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.EndsWith($"/v1/batches/{id}", accepted.Headers.Location?.ToString(), StringComparison.OrdinalIgnoreCase);

        var job = await Batches.WaitForStatusAsync(client, id, "succeeded", TestTimeouts.BatchJob);
        var results = job.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(inputs.Length, results.Length);
        Assert.All(results, result => Assert.Equal(384, result.GetProperty("embedding").GetArrayLength()));

        var usage = await client.GetFromJsonAsync<JsonElement>("/v1/usage");
        Assert.Contains(usage.GetProperty("operations").EnumerateArray(),
            operation => operation.GetProperty("operation").GetString()!.StartsWith("batch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Batch_OfAnotherTenant_IsNotFound()
    {
        var owner = await Tenants.CreateAsync(platform);
        var stranger = await Tenants.CreateAsync(platform);
        using var ownerClient = owner.CreateClient(platform);
        using var strangerClient = stranger.CreateClient(platform);

        using var accepted = await ownerClient.PostAsJsonAsync("/v1/batches", new { input = new[] { "private" } });
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var response = await strangerClient.GetAsync($"/v1/batches/{id}");

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }
}

/// <summary>Submits batch jobs, and polls one until it reaches a status within a bound.</summary>
internal static class Batches
{
    /// <summary>Submits a batch of <paramref name="inputs"/>, checks it was accepted, and returns its id.</summary>
    public static async Task<Guid> SubmitAsync(HttpClient client, string[] inputs)
    {
        using var accepted = await client.PostAsJsonAsync("/v1/batches", new { input = inputs });
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted,
            $"The batch was answered {(int)accepted.StatusCode}, not 202: {await accepted.Content.ReadAsStringAsync()}");
        return (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> WaitForStatusAsync(HttpClient client, Guid id, string status, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        JsonElement job = default;
        while (!deadline.IsCancellationRequested)
        {
            job = await client.GetFromJsonAsync<JsonElement>($"/v1/batches/{id}", deadline.Token);
            var current = job.GetProperty("status").GetString();
            if (current == status)
            {
                return job;
            }

            Assert.NotEqual("failed", current);
            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }

        throw new TimeoutException($"Batch {id} did not reach '{status}' within {timeout}; last seen: {job}");
    }
}
