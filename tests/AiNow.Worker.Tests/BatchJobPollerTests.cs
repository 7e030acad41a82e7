using System.Net;
using AiNow.Data;
using AiNow.Testing;
using AiNow.Worker.Processing;
using Microsoft.Extensions.DependencyInjection;

namespace AiNow.Worker.Tests;

[Collection(PostgresServer.Name)]
public sealed class BatchJobPollerTests(TemporaryPostgres postgres)
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 30)]
    [InlineData(1000, 30)]
    public void BackoffDelay_ConsecutiveSetbacks_DoublesPollIntervalUpTo30Seconds(int consecutiveSetbacks, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), BatchJobPoller.BackoffDelay(TimeSpan.FromSeconds(1), consecutiveSetbacks));
    }

    [Fact]
    public async Task ExecuteAsync_QueuedJobs_ProcessesAllUntilStopped()
    {
        await using var db = await WorkerDatabase.CreateAsync(postgres);
        var first = await db.Jobs.EnqueueAsync(db.TenantId, "m", ["a", "b"], 3, CancellationToken.None);
        var second = await db.Jobs.EnqueueAsync(db.TenantId, "m", ["c"], 3, CancellationToken.None);
        await using var services = db.CreateWorkerServices();
        var poller = services.GetRequiredService<BatchJobPoller>();

        await poller.StartAsync(CancellationToken.None);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while ((await db.Jobs.GetAsync(db.TenantId, first.Id, timeout.Token))!.Status != BatchJobStatus.Succeeded
                || (await db.Jobs.GetAsync(db.TenantId, second.Id, timeout.Token))!.Status != BatchJobStatus.Succeeded)
            {
                await Task.Delay(50, timeout.Token);
            }
        }
        finally
        {
            await poller.StopAsync(CancellationToken.None);
        }

        var usage = await db.Ledger.GetSummaryAsync(db.TenantId, CancellationToken.None);
        Assert.Equal(2, usage.Requests);
        Assert.Equal(6, usage.Tokens);
    }

    [Fact]
    public async Task ExecuteAsync_InferenceDownForAWhile_JobWaitsThenCompletesOnItsFirstAttempt()
    {
        await using var db = await WorkerDatabase.CreateAsync(postgres);
        // Two attempts allowed, three failures: had the outage counted, the job would have failed for good.
        var job = await db.Jobs.EnqueueAsync(db.TenantId, "m", ["a"], 2, CancellationToken.None);
        db.Inference.OnRequest = (number, _) => Task.FromResult<HttpResponseMessage?>(
            number <= 3 ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) : null);
        await using var services = db.CreateWorkerServices();
        var poller = services.GetRequiredService<BatchJobPoller>();

        await poller.StartAsync(CancellationToken.None);
        BatchJob? stored;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while ((stored = await db.Jobs.GetAsync(db.TenantId, job.Id, timeout.Token))!.Status
                is BatchJobStatus.Queued or BatchJobStatus.Running)
            {
                // Skip the deferral delay rather than wait it out.
                await db.ExecuteAsync("UPDATE batch_jobs SET next_attempt_at = now() WHERE id = @id AND status = 'queued'", job.Id);
                await Task.Delay(50, timeout.Token);
            }
        }
        finally
        {
            await poller.StopAsync(CancellationToken.None);
        }

        Assert.Equal(BatchJobStatus.Succeeded, stored.Status);
        Assert.Equal(1, stored.Attempts);
        Assert.Equal(4, db.Inference.Requests.Count);
    }

    [Fact]
    public async Task StopAsync_DuringAJob_GivesItBackAndClaimsNothingMore()
    {
        await using var db = await WorkerDatabase.CreateAsync(postgres);
        var first = await db.Jobs.EnqueueAsync(db.TenantId, "m", ["a"], 3, CancellationToken.None);
        var second = await db.Jobs.EnqueueAsync(db.TenantId, "m", ["b"], 3, CancellationToken.None);
        var inferenceCalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        db.Inference.OnRequest = async (_, requestAborted) =>
        {
            inferenceCalled.TrySetResult();
            await Task.Delay(Timeout.Infinite, requestAborted);
            return null;
        };
        await using var services = db.CreateWorkerServices();
        var poller = services.GetRequiredService<BatchJobPoller>();

        await poller.StartAsync(CancellationToken.None);
        await inferenceCalled.Task.WaitAsync(TimeSpan.FromSeconds(20));
        using (var hostGivesUp = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            await poller.StopAsync(hostGivesUp.Token);
        }

        Assert.True(poller.ExecuteTask!.IsCompletedSuccessfully, "the poller's loop should have ended with the stop");
        Assert.Single(db.Inference.Requests);
        foreach (var id in new[] { first.Id, second.Id })
        {
            var stored = await db.Jobs.GetAsync(db.TenantId, id, CancellationToken.None);
            Assert.Equal(BatchJobStatus.Queued, stored!.Status);
            Assert.Equal(0, stored.Attempts);
            Assert.Null(await db.LeaseOwnerAsync(id));
            Assert.True(await db.UntilNextAttemptAsync(id) <= TimeSpan.Zero);
        }
    }
}
