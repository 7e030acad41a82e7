using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace AiNow.IntegrationTests.Faults;

/// <summary>
/// No acknowledged write is lost to a fault: every tenant and key the admin API confirmed, every batch job accepted
/// and every embedding served (so charged) while a store was failing is found after it returns: the tenants
/// readable, the keys working, the jobs completed, the usage counted exactly once. PostgreSQL's own faults refuse
/// these writes instead of confirming them (PostgresFaultTests), and charge what the cache serves; Redis's must not
/// stop them at all.
/// </summary>
[Collection(PlatformTests.Name)]
[Trait("Category", "Fault")]
public sealed class AcknowledgedWritesTests(PlatformFixture platform, ITestOutputHelper output)
{
    private const int WritesOfEachKind = 3;

    private static readonly TimeSpan JobCompletes = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(ResourceFault.Stalled)]
    [InlineData(ResourceFault.Stopped)]
    public async Task WritesAcknowledgedWhileRedisFails_AreAllFoundAfterIt(ResourceFault fault)
    {
        var probe = new FaultProbe(output, $"redis {fault.ToString().ToLowerInvariant()}");
        var tenant = await Tenants.CreateAsync(platform);
        using var client = tenant.CreateClient(platform);
        using var admin = Tenants.CreateAdminClient(platform);
        var created = new List<TestTenant>();
        var jobs = new List<Guid>();
        var served = 0;

        var restore = await platform.FailAsync("redis", fault);
        try
        {
            for (var i = 0; i < WritesOfEachKind; i++)
            {
                // Each asserts its 201: a tenant and a key need PostgreSQL only.
                created.Add(await Tenants.CreateAsync(platform));

                using var embedded = await probe.EmbedAsync(client, $"charged during the fault {i} {Guid.NewGuid():N}", RedisFaultTests.ServedWithin);
                served++;

                using var submitted = await probe.SendAsync("submit a batch", RedisFaultTests.ServedWithin,
                    () => client.PostAsJsonAsync("/v1/batches", new { input = new[] { $"queued during the fault {i}" } }));
                Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
                jobs.Add((await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
            }
        }
        finally
        {
            await restore.DisposeAsync();
        }

        foreach (var confirmed in created)
        {
            using var read = await admin.GetAsync($"/admin/tenants/{confirmed.Id}");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            using var keyed = confirmed.CreateClient(platform);
            using var works = await keyed.PostAsJsonAsync("/v1/embeddings", new { input = "the key issued during the fault" });
            Assert.Equal(HttpStatusCode.OK, works.StatusCode);
        }

        foreach (var job in jobs)
        {
            await Batches.WaitForStatusAsync(client, job, "succeeded", JobCompletes);
        }

        // Each embedding served and each job completed is charged once, under its own operation.
        JsonElement usage = default;
        await probe.RecoversAsync("the usage ledger", PostgresFaultTests.RecoversWithin, async () =>
        {
            using var read = await client.GetAsync("/v1/usage");
            if (read.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            usage = await read.Content.ReadFromJsonAsync<JsonElement>();
            return Requests(usage, "embeddings") >= served && Requests(usage, "batch.embeddings") >= jobs.Count;
        });
        Assert.Equal(served, Requests(usage, "embeddings"));
        Assert.Equal(jobs.Count, Requests(usage, "batch.embeddings"));
        probe.Summarize();
    }

    private static long Requests(JsonElement usage, string operation) =>
        usage.GetProperty("operations").EnumerateArray()
            .Where(entry => entry.GetProperty("operation").GetString() == operation)
            .Sum(entry => entry.GetProperty("requests").GetInt64());
}
