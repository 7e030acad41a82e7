using AiNow.Testing;

namespace AiNow.Data.Tests;

[Collection(PostgresServer.Name)]
public sealed class BatchJobStoreTests(TemporaryPostgres postgres)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task EnqueueAsync_ThenGetAsync_ReturnsQueuedJobWithInputs()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();

        var enqueued = await db.Jobs.EnqueueAsync(tenant, "all-MiniLM-L6-v2", ["a", "b \"quoted\"", "ü"], 3, None);
        var loaded = await db.Jobs.GetAsync(tenant, enqueued.Id, None);

        Assert.NotNull(loaded);
        Assert.Equal(BatchJobStatus.Queued, loaded.Status);
        Assert.Equal(["a", "b \"quoted\"", "ü"], loaded.Inputs);
        Assert.Equal("all-MiniLM-L6-v2", loaded.Model);
        Assert.Equal(0, loaded.Attempts);
        Assert.Equal(3, loaded.MaxAttempts);
        Assert.Null(loaded.CompletedAt);
        Assert.Null(loaded.Results);
        Assert.Equal(enqueued.CreatedAt, loaded.CreatedAt);
    }

    [Fact]
    public async Task ReadQueueAsync_CountsWaitingAndRunningJobs_AndTheOldestWaitingAge()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        Assert.Equal(new QueueSnapshot(0, 0, TimeSpan.Zero), await db.Jobs.ReadQueueAsync(None));

        await db.Jobs.EnqueueAsync(tenant, "m", ["first"], 3, None);
        await db.Jobs.EnqueueAsync(tenant, "m", ["second"], 3, None);
        await db.Jobs.EnqueueAsync(tenant, "m", ["third"], 3, None);
        var claimed = await db.Jobs.ClaimNextAsync("worker-a", Lease, None);
        Assert.NotNull(claimed);
        await Task.Delay(TimeSpan.FromMilliseconds(50));

        var queue = await db.Jobs.ReadQueueAsync(None);

        Assert.Equal(2, queue.Queued);
        Assert.Equal(1, queue.Running);
        Assert.InRange(queue.OldestQueuedAge, TimeSpan.FromMilliseconds(40), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task EnqueueAsync_KeepsTheTraceParent_ForTheWorker()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        const string traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        var traced = await db.Jobs.EnqueueAsync(tenant, "m", ["x"], 3, None, traceParent);
        var untraced = await db.Jobs.EnqueueAsync(tenant, "m", ["y"], 3, None);

        Assert.Equal(traceParent, (await db.Jobs.GetAsync(tenant, traced.Id, None))!.TraceParent);
        Assert.Equal(traceParent, (await db.Jobs.ClaimNextAsync("worker-a", Lease, None))!.TraceParent);
        Assert.Null(untraced.TraceParent);
    }

    [Fact]
    public async Task EnqueueAsync_MalformedTraceParent_IsRefusedByTheSchema()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();

        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.Jobs.EnqueueAsync(tenant, "m", ["x"], 3, None, "not-a-traceparent"));

        Assert.Equal("23514", error.SqlState);
    }

    [Fact]
    public async Task GetAsync_OtherTenantsJob_ReturnsNull()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var owner = await db.InsertTenantAsync();
        var other = await db.InsertTenantAsync();
        var job = await db.Jobs.EnqueueAsync(owner, "m", ["x"], 3, None);

        Assert.Null(await db.Jobs.GetAsync(other, job.Id, None));
        Assert.Null(await db.Jobs.GetAsync(owner, Guid.NewGuid(), None));
    }

    [Fact]
    public async Task ClaimNextAsync_QueuedJob_SetsRunningAndCountsAttempt()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        var job = await db.Jobs.EnqueueAsync(tenant, "m", ["x"], 3, None);

        var claimed = await db.Jobs.ClaimNextAsync("worker-a", Lease, None);

        Assert.NotNull(claimed);
        Assert.Equal(job.Id, claimed.Id);
        Assert.Equal(BatchJobStatus.Running, claimed.Status);
        Assert.Equal(1, claimed.Attempts);
        Assert.Equal("worker-a", await db.ScalarAsync<string>("SELECT lease_owner FROM batch_jobs WHERE id = @id", ("id", job.Id)));
        Assert.Null(await db.Jobs.ClaimNextAsync("worker-b", Lease, None));
    }

    [Fact]
    public async Task ClaimNextAsync_FourParallelClaimers_EachJobClaimedOnce()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        for (var i = 0; i < 20; i++)
        {
            await db.Jobs.EnqueueAsync(tenant, "m", [$"input {i}"], 3, None);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            var mine = new List<Guid>();
            while (await db.Jobs.ClaimNextAsync($"worker-{worker}", Lease, None) is { } job)
            {
                mine.Add(job.Id);
            }

            return mine;
        })));

        var all = claims.SelectMany(ids => ids).ToList();
        Assert.Equal(20, all.Count);
        Assert.Equal(20, all.Distinct().Count());
    }

    [Fact]
    public async Task ClaimNextAsync_LeaseExpired_ReclaimedByAnotherWorker()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        var job = await db.Jobs.EnqueueAsync(tenant, "m", ["x"], 3, None);
        await db.Jobs.ClaimNextAsync("worker-a", TimeSpan.FromMilliseconds(50), None);
        await Task.Delay(200);

        var reclaimed = await db.Jobs.ClaimNextAsync("worker-b", Lease, None);

        Assert.NotNull(reclaimed);
        Assert.Equal(job.Id, reclaimed.Id);
        Assert.Equal(2, reclaimed.Attempts);
        Assert.False(await db.Jobs.RenewLeaseAsync(job.Id, "worker-a", Lease, None));
        Assert.True(await db.Jobs.RenewLeaseAsync(job.Id, "worker-b", Lease, None));
    }

    [Fact]
    public async Task ClaimNextAsync_LeaseNotExpired_NotReclaimed()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        await db.Jobs.EnqueueAsync(tenant, "m", ["x"], 3, None);
        await db.Jobs.ClaimNextAsync("worker-a", Lease, None);

        Assert.Null(await db.Jobs.ClaimNextAsync("worker-b", Lease, None));
    }

    [Fact]
    public async Task ClaimNextAsync_LeaseExpiredOnLastAttempt_MarksJobFailed()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        var job = await db.Jobs.EnqueueAsync(tenant, "m", ["x"], 1, None);
        await db.Jobs.ClaimNextAsync("worker-a", Lease, None);
        await ExpireLeaseAsync(db, job.Id);

        Assert.Null(await db.Jobs.ClaimNextAsync("worker-b", Lease, None));

        var failed = await db.Jobs.GetAsync(tenant, job.Id, None);
        Assert.Equal(BatchJobStatus.Failed, failed!.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.NotNull(failed.CompletedAt);
        Assert.Equal(BatchJobErrors.LeaseExpiredOnLastAttempt, failed.LastError);
    }

    [Fact]
    public async Task CompleteAsync_Owner_StoresResultsAndRecordsUsage()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        var job = await db.Jobs.EnqueueAsync(tenant, "m", ["a", "b"], 3, None);
        await db.Jobs.ClaimNextAsync("worker-a", Lease, None);

        var completed = await db.Jobs.CompleteAsync(job.Id, "worker-a", [[0.25f, -1.5f], [1e-7f, 3.4028235E+38f]], 42, None);

        Assert.True(completed);
        var stored = await db.Jobs.GetAsync(tenant, job.Id, None);
        Assert.Equal(BatchJobStatus.Succeeded, stored!.Status);
        Assert.NotNull(stored.CompletedAt);
        Assert.Equal([[0.25f, -1.5f], [1e-7f, 3.4028235E+38f]], stored.Results!);
        var usage = await db.Ledger.GetSummaryAsync(tenant, None);
        Assert.Equal([new OperationUsage(BatchJobStore.UsageOperation, 1, 42)], usage.Operations);
    }

    [Fact]
    public async Task CompleteAsync_SecondCompletion_RefusedAndUsageRecordedOnce()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        var job = await db.Jobs.EnqueueAsync(tenant, "m", ["a"], 3, None);
        await db.Jobs.ClaimNextAsync("worker-a", Lease, None);

        Assert.True(await db.Jobs.CompleteAsync(job.Id, "worker-a", [[1f]], 5, None));
        Assert.False(await db.Jobs.CompleteAsync(job.Id, "worker-a", [[2f]], 5, None));

        var usage = await db.Ledger.GetSummaryAsync(tenant, None);
        Assert.Equal(1, usage.Requests);
        Assert.Equal(5, usage.Tokens);
        var stored = await db.Jobs.GetAsync(tenant, job.Id, None);
        Assert.Equal(1f, Assert.Single(Assert.Single(stored!.Results!)));
    }

    [Fact]
    public async Task CompleteAsync_UsageKeyAlreadyRecorded_CompletesWithoutChargingTwice()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        var job = await db.Jobs.EnqueueAsync(tenant, "m", ["a"], 3, None);
        await db.Ledger.RecordAsync(tenant, BatchJobStore.UsageOperation, 1, 5, BatchJobStore.UsageIdempotencyKey(job.Id), null, None);
        await db.Jobs.ClaimNextAsync("worker-a", Lease, None);

        Assert.True(await db.Jobs.CompleteAsync(job.Id, "worker-a", [[1f]], 5, None));

        var usage = await db.Ledger.GetSummaryAsync(tenant, None);
        Assert.Equal(1, usage.Requests);
        Assert.Equal(5, usage.Tokens);
    }

    [Fact]
    public async Task CompleteAsync_WorkerLostLease_RefusedAndNothingWritten()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        var job = await db.Jobs.EnqueueAsync(tenant, "m", ["a"], 3, None);
        await db.Jobs.ClaimNextAsync("worker-a", Lease, None);
        await ExpireLeaseAsync(db, job.Id);
        await db.Jobs.ClaimNextAsync("worker-b", Lease, None);

        var completed = await db.Jobs.CompleteAsync(job.Id, "worker-a", [[1f]], 5, None);

        Assert.False(completed);
        var stored = await db.Jobs.GetAsync(tenant, job.Id, None);
        Assert.Equal(BatchJobStatus.Running, stored!.Status);
        Assert.Null(stored.Results);
        Assert.Empty((await db.Ledger.GetSummaryAsync(tenant, None)).Operations);
        Assert.False(await db.Jobs.FailAttemptAsync(job.Id, "worker-a", "boom", TimeSpan.Zero, None));
    }

    [Fact]
    public async Task CompleteAsync_ResultCountDiffersFromInputs_ThrowsAndLeavesJobRunning()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        var job = await db.Jobs.EnqueueAsync(tenant, "m", ["a", "b"], 3, None);
        await db.Jobs.ClaimNextAsync("worker-a", Lease, None);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => db.Jobs.CompleteAsync(job.Id, "worker-a", [[1f]], 5, None));
        Assert.Equal("results", error.ParamName);
        Assert.StartsWith($"Job {job.Id} has 2 inputs but 1 results were given; pass one vector per input.", error.Message, StringComparison.Ordinal);

        Assert.Equal(BatchJobStatus.Running, (await db.Jobs.GetAsync(tenant, job.Id, None))!.Status);
        Assert.Empty((await db.Ledger.GetSummaryAsync(tenant, None)).Operations);
    }

    [Fact]
    public async Task FailAttemptAsync_AttemptsLeft_RequeuesAfterDelay()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        var job = await db.Jobs.EnqueueAsync(tenant, "m", ["a"], 3, None);
        await db.Jobs.ClaimNextAsync("worker-a", Lease, None);

        Assert.True(await db.Jobs.FailAttemptAsync(job.Id, "worker-a", "inference unavailable", TimeSpan.FromHours(1), None));

        var queued = await db.Jobs.GetAsync(tenant, job.Id, None);
        Assert.Equal(BatchJobStatus.Queued, queued!.Status);
        Assert.Equal("inference unavailable", queued.LastError);
        Assert.Null(queued.CompletedAt);
        Assert.Null(await db.Jobs.ClaimNextAsync("worker-b", Lease, None));

        await db.ExecuteAsync("UPDATE batch_jobs SET next_attempt_at = now() - interval '1 second' WHERE id = @id", ("id", job.Id));
        var retried = await db.Jobs.ClaimNextAsync("worker-b", Lease, None);
        Assert.Equal(job.Id, retried!.Id);
        Assert.Equal(2, retried.Attempts);
    }

    [Fact]
    public async Task FailForGoodAsync_AttemptsLeft_MarksFailedAtOnce()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        var job = await db.Jobs.EnqueueAsync(tenant, "m", ["a"], 3, None);
        await db.Jobs.ClaimNextAsync("worker-a", Lease, None);

        Assert.False(await db.Jobs.FailForGoodAsync(job.Id, "worker-b", "not its job", None));
        Assert.True(await db.Jobs.FailForGoodAsync(job.Id, "worker-a", BatchJobErrors.InputTooLong(0), None));

        var failed = await db.Jobs.GetAsync(tenant, job.Id, None);
        Assert.Equal(BatchJobStatus.Failed, failed!.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal(BatchJobErrors.InputTooLong(0), failed.LastError);
        Assert.NotNull(failed.CompletedAt);
        Assert.Null(await db.Jobs.ClaimNextAsync("worker-b", Lease, None));
    }

    [Fact]
    public async Task FailAttemptAsync_MaxAttemptsReached_MarksFailed()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        var job = await db.Jobs.EnqueueAsync(tenant, "m", ["a"], 2, None);

        await db.Jobs.ClaimNextAsync("worker-a", Lease, None);
        Assert.True(await db.Jobs.FailAttemptAsync(job.Id, "worker-a", "first", TimeSpan.Zero, None));
        await db.Jobs.ClaimNextAsync("worker-a", Lease, None);
        Assert.True(await db.Jobs.FailAttemptAsync(job.Id, "worker-a", "second", TimeSpan.Zero, None));

        var failed = await db.Jobs.GetAsync(tenant, job.Id, None);
        Assert.Equal(BatchJobStatus.Failed, failed!.Status);
        Assert.Equal(2, failed.Attempts);
        Assert.Equal("second", failed.LastError);
        Assert.NotNull(failed.CompletedAt);
        Assert.Null(await db.Jobs.ClaimNextAsync("worker-b", Lease, None));
    }

    [Fact]
    public async Task ReleaseAsync_Owner_RequeuesWithTheAttemptGivenBackAndTheLeaseCleared()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        var job = await db.Jobs.EnqueueAsync(tenant, "m", ["a"], 1, None);
        await db.Jobs.ClaimNextAsync("worker-a", Lease, None);

        Assert.True(await db.Jobs.ReleaseAsync(job.Id, "worker-a", TimeSpan.FromHours(1), BatchJobErrors.InferenceUnavailable, None));

        var released = await db.Jobs.GetAsync(tenant, job.Id, None);
        Assert.Equal(BatchJobStatus.Queued, released!.Status);
        Assert.Equal(0, released.Attempts);
        Assert.Equal(BatchJobErrors.InferenceUnavailable, released.LastError);
        Assert.Null(released.CompletedAt);
        Assert.Null(await db.ScalarAsync<string>("SELECT lease_owner FROM batch_jobs WHERE id = @id", ("id", job.Id)));
        Assert.Null(await db.Jobs.ClaimNextAsync("worker-b", Lease, None));

        // Its only allowed attempt was given back, so it may be claimed again once due.
        await db.ExecuteAsync("UPDATE batch_jobs SET next_attempt_at = now() - interval '1 second' WHERE id = @id", ("id", job.Id));
        var retried = await db.Jobs.ClaimNextAsync("worker-b", Lease, None);
        Assert.Equal(job.Id, retried!.Id);
        Assert.Equal(1, retried.Attempts);
    }

    [Fact]
    public async Task ReleaseAsync_NoDelayAndNoError_ClaimableAtOnceKeepingTheLastError()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        var job = await db.Jobs.EnqueueAsync(tenant, "m", ["a"], 3, None);
        await db.Jobs.ClaimNextAsync("worker-a", Lease, None);
        Assert.True(await db.Jobs.FailAttemptAsync(job.Id, "worker-a", BatchJobErrors.InferenceError, TimeSpan.Zero, None));
        await db.Jobs.ClaimNextAsync("worker-a", Lease, None);

        Assert.True(await db.Jobs.ReleaseAsync(job.Id, "worker-a", TimeSpan.Zero, error: null, None));

        var retried = await db.Jobs.ClaimNextAsync("worker-b", Lease, None);
        Assert.Equal(job.Id, retried!.Id);
        Assert.Equal(2, retried.Attempts);
        Assert.Equal(BatchJobErrors.InferenceError, retried.LastError);
    }

    [Fact]
    public async Task ReleaseAsync_WorkerLostLease_RefusedAndNothingWritten()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        var job = await db.Jobs.EnqueueAsync(tenant, "m", ["a"], 3, None);
        await db.Jobs.ClaimNextAsync("worker-a", Lease, None);

        Assert.False(await db.Jobs.ReleaseAsync(job.Id, "worker-b", TimeSpan.Zero, BatchJobErrors.InferenceUnavailable, None));

        var running = await db.Jobs.GetAsync(tenant, job.Id, None);
        Assert.Equal(BatchJobStatus.Running, running!.Status);
        Assert.Equal(1, running.Attempts);
        Assert.Null(running.LastError);
    }

    [Fact]
    public async Task RenewLeaseAsync_Owner_ExtendsLease()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        var job = await db.Jobs.EnqueueAsync(tenant, "m", ["a"], 3, None);
        await db.Jobs.ClaimNextAsync("worker-a", TimeSpan.FromSeconds(1), None);

        Assert.True(await db.Jobs.RenewLeaseAsync(job.Id, "worker-a", TimeSpan.FromHours(1), None));

        var remaining = await db.ScalarAsync<TimeSpan>("SELECT lease_expires_at - now() FROM batch_jobs WHERE id = @id", ("id", job.Id));
        Assert.True(remaining > TimeSpan.FromMinutes(59), $"lease remaining {remaining}");
        Assert.False(await db.Jobs.RenewLeaseAsync(job.Id, "worker-b", TimeSpan.FromHours(1), None));
    }

    [Fact]
    public async Task EveryLeaseOperation_RefusesAMissingWorkerANonPositiveLeaseAndNegativeAmounts_BeforeTouchingTheJob()
    {
        // A job written with no owner or an instant lease would be claimable by anyone at once: refused up front.
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        var job = await db.Jobs.EnqueueAsync(tenant, "m", ["a"], 3, None);
        var jobs = db.Jobs;
        var id = job.Id;

        await Assert.ThrowsAsync<ArgumentException>("workerId", () => jobs.ClaimNextAsync(" ", Lease, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("lease", () => jobs.ClaimNextAsync("worker-a", TimeSpan.Zero, None));
        await Assert.ThrowsAsync<ArgumentException>("workerId", () => jobs.RenewLeaseAsync(id, "", Lease, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("lease", () => jobs.RenewLeaseAsync(id, "worker-a", TimeSpan.Zero, None));
        await Assert.ThrowsAsync<ArgumentException>("workerId", () => jobs.CompleteAsync(id, " ", [[1f]], 1, None));
        await Assert.ThrowsAsync<ArgumentNullException>("results", () => jobs.CompleteAsync(id, "worker-a", null!, 1, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("tokens", () => jobs.CompleteAsync(id, "worker-a", [[1f]], -1, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("retryDelay", () => jobs.FailAttemptAsync(id, "worker-a", "e", TimeSpan.FromTicks(-1), None));
        await Assert.ThrowsAsync<ArgumentException>("workerId", () => jobs.FailAttemptAsync(id, " ", "e", TimeSpan.Zero, None));
        await Assert.ThrowsAsync<ArgumentNullException>("error", () => jobs.FailForGoodAsync(id, "worker-a", null!, None));
        await Assert.ThrowsAsync<ArgumentException>("workerId", () => jobs.ReleaseAsync(id, "", TimeSpan.Zero, null, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("delay", () => jobs.ReleaseAsync(id, "worker-a", TimeSpan.FromTicks(-1), null, None));

        var untouched = (await jobs.GetAsync(tenant, id, None))!;
        Assert.Equal(BatchJobStatus.Queued, untouched.Status);
        Assert.Equal(0, untouched.Attempts);
    }

    [Fact]
    public async Task FailAttemptAsync_AnErrorLongerThanTheColumnKeeps_IsStoredCutToItsFirst2000Characters()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        var job = await db.Jobs.EnqueueAsync(tenant, "m", ["a"], 3, None);
        await db.Jobs.ClaimNextAsync("worker-a", Lease, None);
        var error = string.Concat(Enumerable.Range(0, 2001).Select(i => (char)('a' + (i % 26))));

        Assert.True(await db.Jobs.FailAttemptAsync(job.Id, "worker-a", error, TimeSpan.Zero, None));

        Assert.Equal(error[..2000], (await db.Jobs.GetAsync(tenant, job.Id, None))!.LastError);
    }

    private static Task ExpireLeaseAsync(MigratedDatabase db, Guid jobId) =>
        db.ExecuteAsync("UPDATE batch_jobs SET lease_expires_at = now() - interval '1 second' WHERE id = @id", ("id", jobId));
}
