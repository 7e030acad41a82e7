using AiNow.Testing;

namespace AiNow.Data.Tests.Batches;

[Collection(PostgresServer.Name)]
public sealed class BatchJobRetentionTests(TemporaryPostgres postgres)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ExpireFinishedAsync_PastRetention_DropsInputsAndResultsKeepingTheRowAndTheUsage()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        var job = await SucceededJobAsync(db, tenant, ["a", "b"]);
        var now = DateTimeOffset.UtcNow + Retention + TimeSpan.FromHours(1);

        var expired = await new BatchJobRetention(db.DataSource).ExpireFinishedAsync(now, Retention, 500, None);

        Assert.Equal(1, expired);
        var stored = (await db.Jobs.GetAsync(tenant, job, None))!;
        Assert.True(stored.IsExpired);
        Assert.Equal(now.ToUnixTimeMilliseconds(), stored.ExpiredAt!.Value.ToUnixTimeMilliseconds());
        Assert.Equal(BatchJobStatus.Succeeded, stored.Status);
        Assert.Equal(2, stored.InputCount);
        Assert.Empty(stored.Inputs);
        Assert.Null(stored.Results);
        Assert.NotNull(stored.CompletedAt);
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM usage_events WHERE tenant_id = @t", ("t", tenant)));
    }

    [Fact]
    public async Task ExpireFinishedAsync_FailedJobPastRetention_KeepsItsErrorCode()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        var job = await db.Jobs.EnqueueAsync(tenant, "m", ["x"], 1, None);
        await db.Jobs.ClaimNextAsync("worker-a", Lease, None);
        Assert.True(await db.Jobs.FailAttemptAsync(job.Id, "worker-a", BatchJobErrors.LeaseExpiredOnLastAttempt, TimeSpan.Zero, None));

        await new BatchJobRetention(db.DataSource).ExpireFinishedAsync(DateTimeOffset.UtcNow + Retention * 2, Retention, 500, None);

        var stored = (await db.Jobs.GetAsync(tenant, job.Id, None))!;
        Assert.True(stored.IsExpired);
        Assert.Equal(BatchJobStatus.Failed, stored.Status);
        Assert.Equal(BatchJobErrors.LeaseExpiredOnLastAttempt, stored.LastError);
    }

    [Fact]
    public async Task ExpireFinishedAsync_WithinRetentionOrUnfinished_LeavesJobsAlone()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        var recent = await SucceededJobAsync(db, tenant, ["done"]);
        var running = await db.Jobs.EnqueueAsync(tenant, "m", ["working"], 3, None);
        var queued = await db.Jobs.EnqueueAsync(tenant, "m", ["waiting"], 3, None);
        Assert.Equal(running.Id, (await db.Jobs.ClaimNextAsync("worker-a", Lease, None))!.Id);
        var retention = new BatchJobRetention(db.DataSource);

        // Six days on, the finished job is within its week; much later, only the finished job may go.
        Assert.Equal(0, await retention.ExpireFinishedAsync(DateTimeOffset.UtcNow + TimeSpan.FromDays(6), Retention, 500, None));
        Assert.Equal(1, await retention.ExpireFinishedAsync(DateTimeOffset.UtcNow + TimeSpan.FromDays(365), Retention, 500, None));

        Assert.True((await db.Jobs.GetAsync(tenant, recent, None))!.IsExpired);
        Assert.Equal(["waiting"], (await db.Jobs.GetAsync(tenant, queued.Id, None))!.Inputs);
        Assert.Equal(["working"], (await db.Jobs.GetAsync(tenant, running.Id, None))!.Inputs);
    }

    [Fact]
    public async Task ExpireFinishedAsync_MoreThanTheLimit_ExpiresInBoundedRounds()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        for (var i = 0; i < 3; i++)
        {
            await SucceededJobAsync(db, tenant, [$"text {i}"]);
        }

        var retention = new BatchJobRetention(db.DataSource);
        var now = DateTimeOffset.UtcNow + Retention * 2;

        Assert.Equal(2, await retention.ExpireFinishedAsync(now, Retention, 2, None));
        Assert.Equal(1, await retention.ExpireFinishedAsync(now, Retention, 2, None));
        Assert.Equal(0, await retention.ExpireFinishedAsync(now, Retention, 2, None));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM batch_jobs WHERE inputs IS NOT NULL OR results IS NOT NULL"));
    }

    private static async Task<Guid> SucceededJobAsync(MigratedDatabase db, Guid tenant, string[] inputs)
    {
        var job = await db.Jobs.EnqueueAsync(tenant, "m", inputs, 3, None);
        Assert.Equal(job.Id, (await db.Jobs.ClaimNextAsync("worker-a", Lease, None))!.Id);
        Assert.True(await db.Jobs.CompleteAsync(job.Id, "worker-a", [.. inputs.Select(_ => new[] { 1f })], inputs.Length, None));
        return job.Id;
    }
}
