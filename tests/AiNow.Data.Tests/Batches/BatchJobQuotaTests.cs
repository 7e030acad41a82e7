using AiNow.Testing;

namespace AiNow.Data.Tests.Batches;

[Collection(PostgresServer.Name)]
public sealed class BatchJobQuotaTests(TemporaryPostgres postgres)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task TryEnqueueAsync_UnderTheQuota_QueuesTheJobWithItsInputCount()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();

        var result = await db.Jobs.TryEnqueueAsync(tenant, "m", ["a", "b", "c"], 3, new BatchQuota(2, 10), None);

        Assert.True(result.Queued);
        Assert.Null(result.Usage);
        Assert.Equal(3, result.Job!.InputCount);
        Assert.Equal(["a", "b", "c"], (await db.Jobs.GetAsync(tenant, result.Job.Id, None))!.Inputs);
    }

    [Fact]
    public async Task TryEnqueueAsync_PendingJobsAtTheLimit_RefusedWithTheCountsAndNothingWritten()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        var quota = new BatchQuota(2, 100);
        await db.Jobs.TryEnqueueAsync(tenant, "m", ["a"], 3, quota, None);
        await db.Jobs.TryEnqueueAsync(tenant, "m", ["b", "c"], 3, quota, None);
        await db.Jobs.ClaimNextAsync("worker-a", Lease, None);

        var refused = await db.Jobs.TryEnqueueAsync(tenant, "m", ["d"], 3, quota, None);

        Assert.False(refused.Queued);
        Assert.Equal(new BatchQuotaUsage(2, 3), refused.Usage);
        Assert.Equal(2L, await db.ScalarAsync<long>("SELECT count(*) FROM batch_jobs WHERE tenant_id = @t", ("t", tenant)));
    }

    [Fact]
    public async Task TryEnqueueAsync_InputsWouldPassTheLimit_Refused()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        var quota = new BatchQuota(10, 5);
        await db.Jobs.TryEnqueueAsync(tenant, "m", ["a", "b", "c"], 3, quota, None);

        var refused = await db.Jobs.TryEnqueueAsync(tenant, "m", ["d", "e", "f"], 3, quota, None);
        var fits = await db.Jobs.TryEnqueueAsync(tenant, "m", ["d", "e"], 3, quota, None);

        Assert.Equal(new BatchQuotaUsage(1, 3), refused.Usage);
        Assert.True(fits.Queued);
    }

    [Fact]
    public async Task TryEnqueueAsync_FinishedJobsAndOtherTenants_DoNotCount()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        var other = await db.InsertTenantAsync();
        var quota = new BatchQuota(1, 100);
        var first = await db.Jobs.TryEnqueueAsync(tenant, "m", ["a"], 3, quota, None);
        await db.Jobs.ClaimNextAsync("worker-a", Lease, None);
        Assert.True(await db.Jobs.CompleteAsync(first.Job!.Id, "worker-a", [[1f]], 1, None));

        Assert.True((await db.Jobs.TryEnqueueAsync(tenant, "m", ["b"], 3, quota, None)).Queued);
        Assert.True((await db.Jobs.TryEnqueueAsync(other, "m", ["c"], 3, quota, None)).Queued);
        Assert.False((await db.Jobs.TryEnqueueAsync(tenant, "m", ["d"], 3, quota, None)).Queued);
    }

    [Fact]
    public async Task TryEnqueueAsync_ConcurrentSubmits_NeverPassTheQuota()
    {
        const int Submitters = 32;
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var quota = new BatchQuota(5, 1000);
        await WarmConnectionPoolAsync(db, Submitters);

        // Several rounds, each a fresh tenant, so a race that a single round might miss by luck shows up.
        for (var round = 0; round < 5; round++)
        {
            var tenant = await db.InsertTenantAsync();
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var submits = Enumerable.Range(0, Submitters).Select(async i =>
            {
                await start.Task;
                return await db.Jobs.TryEnqueueAsync(tenant, "m", [$"text {i}"], 3, quota, None);
            }).ToList();
            start.SetResult();
            var results = await Task.WhenAll(submits);

            Assert.Equal(5, results.Count(result => result.Queued));
            Assert.Equal(5L, await db.ScalarAsync<long>("SELECT count(*) FROM batch_jobs WHERE tenant_id = @t", ("t", tenant)));
        }
    }

    // Opening connections one after another would space the submitters out and hide the race the quota must win.
    private static async Task WarmConnectionPoolAsync(MigratedDatabase db, int connections)
    {
        var opened = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => db.DataSource.OpenConnectionAsync().AsTask()));
        foreach (var connection in opened)
        {
            await connection.DisposeAsync();
        }
    }
}
