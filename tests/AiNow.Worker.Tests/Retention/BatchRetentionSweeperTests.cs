using AiNow.Data;
using AiNow.Testing;
using AiNow.Worker.Options;
using AiNow.Worker.Retention;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AiNow.Worker.Tests.Retention;

[Collection(PostgresServer.Name)]
public sealed class BatchRetentionSweeperTests(TemporaryPostgres postgres)
{
    private const int SweepMinutes = 60;
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task SweepAsync_JobFinishedBeforeTheRetention_IsExpiredAndARecentOneKept()
    {
        await using var db = await WorkerDatabase.CreateAsync(postgres);
        var old = await SucceededJobAsync(db, "old");
        var recent = await SucceededJobAsync(db, "recent");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await db.ExecuteAsync("UPDATE batch_jobs SET completed_at = now() - interval '169 hours' WHERE id = @id", old);

        var expired = await CreateSweeper(db, clock).SweepAsync(None);

        Assert.Equal(1, expired);
        Assert.True((await db.Jobs.GetAsync(db.TenantId, old, None))!.IsExpired);
        Assert.Equal(["recent"], (await db.Jobs.GetAsync(db.TenantId, recent, None))!.Inputs);
    }

    [Fact]
    public async Task SweepAsync_MoreJobsThanOneRound_ExpiresThemAllInRounds()
    {
        await using var db = await WorkerDatabase.CreateAsync(postgres);
        const int Jobs = BatchRetentionSweeper.RoundSize + 3;
        await using (var insert = db.DataSource.CreateCommand("""
            INSERT INTO batch_jobs (id, tenant_id, model, inputs, input_count, status, max_attempts, results, completed_at)
            SELECT gen_random_uuid(), @tenant, 'm', '["x"]', 1, 'succeeded', 3, '[[1.0]]', now() - interval '1 hour'
            FROM generate_series(1, @jobs)
            """))
        {
            insert.Parameters.AddWithValue("tenant", db.TenantId);
            insert.Parameters.AddWithValue("jobs", Jobs);
            await insert.ExecuteNonQueryAsync();
        }

        // A week and a day on, every one of them is past the retention.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(8));

        Assert.Equal(Jobs, await CreateSweeper(db, clock).SweepAsync(None));
    }

    [Fact]
    public async Task ExecuteAsync_SweepsAtStartAndAgainEachInterval()
    {
        await using var db = await WorkerDatabase.CreateAsync(postgres);
        var first = await SucceededJobAsync(db, "first");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(8));
        using var sweeper = CreateSweeper(db, clock);

        await sweeper.StartAsync(None);
        try
        {
            await WaitUntilExpiredAsync(db, first);
            var second = await SucceededJobAsync(db, "second");
            clock.Advance(TimeSpan.FromMinutes(SweepMinutes));
            await WaitUntilExpiredAsync(db, second);
        }
        finally
        {
            await sweeper.StopAsync(None);
        }
    }

    private static BatchRetentionSweeper CreateSweeper(WorkerDatabase db, TimeProvider clock) => new(
        new BatchJobRetention(db.DataSource),
        Microsoft.Extensions.Options.Options.Create(new WorkerOptions { BatchRetentionHours = 168, RetentionSweepMinutes = SweepMinutes }),
        clock,
        NullLogger<BatchRetentionSweeper>.Instance);

    private static async Task<Guid> SucceededJobAsync(WorkerDatabase db, string text)
    {
        var job = await db.Jobs.EnqueueAsync(db.TenantId, "m", [text], 3, None);
        await db.ClaimAsync(job.Id);
        Assert.True(await db.Jobs.CompleteAsync(job.Id, db.Identity.Id, [[1f]], 1, None));
        return job.Id;
    }

    private static async Task WaitUntilExpiredAsync(WorkerDatabase db, Guid jobId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!(await db.Jobs.GetAsync(db.TenantId, jobId, timeout.Token))!.IsExpired)
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
