using System.Net;
using System.Net.Http.Json;
using Xunit.Abstractions;

namespace AiNow.IntegrationTests.Faults;

/// <summary>
/// PostgreSQL is the source of truth. While it hangs or is gone: answers the cache holds keep being served
/// (within <see cref="ServedWithin"/>) and charged, since usage is written behind the request; whatever needs
/// the database is refused within <see cref="RefusedWithin"/> with 503 and Retry-After; and everything works
/// again within <see cref="RecoversWithin"/> of its return, with the charges taken meanwhile in the ledger.
/// </summary>
[Collection(PlatformTests.Name)]
[Trait("Category", "Fault")]
public sealed class PostgresFaultTests(PlatformFixture platform, ITestOutputHelper output)
{
    public static readonly TimeSpan ServedWithin = TimeSpan.FromSeconds(3);

    public static readonly TimeSpan RefusedWithin = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan RecoversWithin = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(ResourceFault.Stalled)]
    [InlineData(ResourceFault.Stopped)]
    public async Task Platform_WhilePostgresFails_ServesCachedAnswersFailsFastAndRecovers(ResourceFault fault)
    {
        var probe = new FaultProbe(output, $"postgres {fault.ToString().ToLowerInvariant()}");
        await RunAsync(probe, () => platform.FailAsync("postgres", fault));
    }

    private async Task RunAsync(FaultProbe probe, Func<Task<IAsyncDisposable>> fail)
    {
        var tenant = await Tenants.CreateAsync(platform);
        using var client = tenant.CreateClient(platform);
        using var admin = Tenants.CreateAdminClient(platform);
        var cached = $"cached {Guid.NewGuid():N}";
        await probe.EmbedAsync(client, cached, TestTimeouts.Request);
        await probe.EmbedAsync(client, cached, TestTimeouts.Request);
        var charged = 2;

        var restore = await fail();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                using var hit = await probe.EmbedAsync(client, cached, ServedWithin);
                Assert.Equal("hit", hit.Headers.GetValues("X-AiNow-Cache").Single());
                charged++;
            }

            using var newTenant = await probe.SendAsync("create a tenant", RefusedWithin,
                () => admin.PostAsJsonAsync("/admin/tenants", new { name = $"refused-{Guid.NewGuid():N}"[..20], rateLimitPerMinute = 100 }));
            await FaultProbe.AssertRetryableAsync(newTenant, "Creating a tenant without the database");

            using var batch = await probe.SendAsync("submit a batch", RefusedWithin,
                () => client.PostAsJsonAsync("/v1/batches", new { input = new[] { "queued without a database" } }));
            await FaultProbe.AssertRetryableAsync(batch, "Submitting a batch without the database");

            using var usageDuring = await probe.SendAsync("read usage", RefusedWithin, () => client.GetAsync("/v1/usage"));
            await FaultProbe.AssertRetryableAsync(usageDuring, "Reading usage without the database");
        }
        finally
        {
            await restore.DisposeAsync();
        }

        await probe.RecoversAsync("creating a tenant", RecoversWithin, async () =>
        {
            using var created = await admin.PostAsJsonAsync("/admin/tenants", new { name = $"back-{Guid.NewGuid():N}"[..20], rateLimitPerMinute = 100 });
            return created.StatusCode == HttpStatusCode.Created;
        });

        // Every answer served while the database was away was charged, once.
        await probe.UsageRecoversAsync(client, charged, RecoversWithin);
        probe.Summarize();
    }
}
