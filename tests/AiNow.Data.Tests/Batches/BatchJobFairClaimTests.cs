using AiNow.Testing;

namespace AiNow.Data.Tests.Batches;

[Collection(PostgresServer.Name)]
public sealed class BatchJobFairClaimTests(TemporaryPostgres postgres)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ClaimNextAsync_TenantWithFewerRunningJobs_IsServedBeforeAnOlderBacklog()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenantA = await db.InsertTenantAsync();
        var tenantB = await db.InsertTenantAsync();
        var jobsOfA = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            jobsOfA.Add((await db.Jobs.EnqueueAsync(tenantA, "m", [$"a{i}"], 3, None)).Id);
        }

        var jobOfB = (await db.Jobs.EnqueueAsync(tenantB, "m", ["b"], 3, None)).Id;

        var first = await db.Jobs.ClaimNextAsync("worker-1", Lease, None);
        var second = await db.Jobs.ClaimNextAsync("worker-2", Lease, None);
        var third = await db.Jobs.ClaimNextAsync("worker-3", Lease, None);

        Assert.Equal(jobsOfA[0], first!.Id);
        Assert.Equal(jobOfB, second!.Id);
        Assert.Equal(jobsOfA[1], third!.Id);
    }

    [Fact]
    public async Task ClaimNextAsync_ExpiredLeases_DoNotCountAsRunning()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenantA = await db.InsertTenantAsync();
        var tenantB = await db.InsertTenantAsync();
        var deadJobOfA = (await db.Jobs.EnqueueAsync(tenantA, "m", ["a0"], 3, None)).Id;
        Assert.Equal(deadJobOfA, (await db.Jobs.ClaimNextAsync("worker-dead", Lease, None))!.Id);
        var runningJobOfB = (await db.Jobs.EnqueueAsync(tenantB, "m", ["b0"], 3, None)).Id;
        Assert.Equal(runningJobOfB, (await db.Jobs.ClaimNextAsync("worker-1", Lease, None))!.Id);
        await db.Jobs.EnqueueAsync(tenantB, "m", ["b1"], 3, None);
        // The dead worker's lease runs out; its job is also made the later-due one, so only the running count can
        // put it first.
        await db.ExecuteAsync(
            "UPDATE batch_jobs SET lease_expires_at = now() - interval '1 second', next_attempt_at = now() + interval '1 hour' WHERE id = @id",
            ("id", deadJobOfA));

        // A's only job is abandoned by a dead worker, so A has nothing running and is served before B's second job.
        var next = await db.Jobs.ClaimNextAsync("worker-2", Lease, None);

        Assert.Equal(deadJobOfA, next!.Id);
    }
}
