using System.Net;
using System.Net.Http.Json;
using AiNow.Contracts;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace AiNow.IntegrationTests.Faults;

/// <summary>
/// Metering outlives the api replica that took the charges: what the cache serves while PostgreSQL is away is kept
/// in the Redis outbox, not only in the api's memory, so an api killed (SIGKILL, no graceful drain) before the
/// database returns loses none of it, and another api process moves it to the ledger.
/// </summary>
[Collection(PlatformTests.Name)]
[Trait("Category", "Fault")]
public sealed class MeteringDurabilityTests(PlatformFixture platform, ITestOutputHelper output)
{
    private const int ServedDuringTheOutage = 5;

    private static readonly TimeSpan KeptWithin = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Charges_WhenTheApiIsKilledWhileTheDatabaseIsAway_AreAllInTheLedgerAfter()
    {
        var probe = new FaultProbe(output, "postgres stopped, api killed");
        var tenant = await Tenants.CreateAsync(platform);
        using var client = tenant.CreateClient(platform);
        var cached = $"metered {Guid.NewGuid():N}";
        await probe.EmbedAsync(client, cached, TestTimeouts.Request);
        await probe.EmbedAsync(client, cached, TestTimeouts.Request);
        var charged = 2;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(
            await platform.App.GetConnectionStringAsync(ResourceNames.Redis) ?? throw new InvalidOperationException("No Redis connection string."));
        // Both in the ledger before the outage, so the outbox holds only the outage's charges: just after an earlier
        // fault the ledger may have refused them (a pooled connection to the restarted server), sending them to the
        // outbox, which the drainers empty within a second.
        using (var before = await client.GetAsync("/v1/usage"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await probe.RecoversAsync("the ledger holding the charges before the outage", KeptWithin,
            async () => await OutboxChargesOfAsync(redis, tenant.Id) == 0);

        await platform.StopAsync(ResourceNames.Postgres);
        var postgresStopped = true;
        try
        {
            // The resource reports Exited when its wrapper has; the charges below must be taken while the api
            // really cannot reach the database, so wait until what needs it is refused.
            using var admin = Tenants.CreateAdminClient(platform);
            await probe.RecoversAsync("the database refusing writes", KeptWithin, async () =>
            {
                using var refused = await admin.PostAsJsonAsync("/admin/tenants", new { name = $"away-{Guid.NewGuid():N}"[..20], rateLimitPerMinute = 100 });
                return refused.StatusCode == HttpStatusCode.ServiceUnavailable;
            });

            for (var i = 0; i < ServedDuringTheOutage; i++)
            {
                using var hit = await probe.EmbedAsync(client, cached, PostgresFaultTests.ServedWithin);
                charged++;
            }

            // Out of the api's memory before it dies: every charge of the outage waits in the outbox.
            var kept = -1;
            await probe.RecoversAsync("charges kept in the outbox", KeptWithin, async () =>
            {
                var now = await OutboxChargesOfAsync(redis, tenant.Id);
                if (now != kept)
                {
                    output.WriteLine($"the outbox holds {now} of the tenant's charges");
                    kept = now;
                }

                return now == ServedDuringTheOutage;
            });
            await platform.KillAsync(ResourceNames.Api);

            await platform.StartAsync(ResourceNames.Postgres);
            postgresStopped = false;
            await platform.StartAsync(ResourceNames.Api);
        }
        finally
        {
            if (postgresStopped)
            {
                await platform.StartAsync(ResourceNames.Postgres);
            }
        }

        await probe.UsageRecoversAsync(client, charged, PostgresFaultTests.RecoversWithin);
        // A drainer removes what it moved just after the ledger took it.
        await probe.RecoversAsync("the outbox emptied", KeptWithin, async () => await OutboxChargesOfAsync(redis, tenant.Id) == 0);
        probe.Summarize();
    }

    private static async Task<int> OutboxChargesOfAsync(ConnectionMultiplexer redis, Guid tenantId)
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(UsageOutbox.Key);
        return entries.Count(entry => entry.Value.ToString().StartsWith($"{tenantId:D}|", StringComparison.Ordinal));
    }
}
