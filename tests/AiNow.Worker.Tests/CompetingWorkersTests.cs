using AiNow.Data;
using AiNow.Testing;
using AiNow.Worker.Processing;
using Microsoft.Extensions.Time.Testing;

namespace AiNow.Worker.Tests;

/// <summary>
/// Exactly once against a live competitor on the same queue: a worker stalls inside its inference call past its
/// lease (its heartbeat's clock stands still), another worker takes the job over, and the first one resumes with
/// a complete set of vectors and goes on to store them. Its completion must be refused: the results are the
/// competitor's, and the tenant is charged one job's tokens once.
/// </summary>
[Collection(PostgresServer.Name)]
public sealed class CompetingWorkersTests(TemporaryPostgres postgres)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly string[] Inputs = ["a", "bb", "ccc"];

    /// <summary>The fake inference charges two tokens per text.</summary>
    private static readonly int OneJobsTokens = Inputs.Length * 2;

    [Fact]
    public async Task AStalledWorkerResumingAfterAnotherCompletedTheJob_IsRefusedAndTheJobIsChargedOnce()
    {
        await using var db = await WorkerDatabase.CreateAsync(postgres);
        var stalled = await db.ClaimAsync((await db.Jobs.EnqueueAsync(db.TenantId, "m", Inputs, 3, None)).Id);
        var competitor = WorkerIdentity.Create();
        JobOutcome? competitorOutcome = null;
        db.Inference.OnRequest = async (number, _) =>
        {
            if (number == 1)
            {
                await db.ExpireLeaseAsync(stalled.Id);
                var takenOver = await db.Jobs.ClaimNextAsync(competitor.Id, db.Options.Lease, None);
                Assert.NotNull(takenOver);
                competitorOutcome = await db.CreateProcessor(new FakeTimeProvider(), competitor).ProcessAsync(takenOver, None);
            }

            return null;
        };

        var outcome = await db.CreateProcessor(new FakeTimeProvider()).ProcessAsync(stalled, None);

        Assert.Equal(JobOutcome.Completed, competitorOutcome);
        Assert.Equal(JobOutcome.LeaseLost, outcome);
        await AssertDoneOnceByTheCompetitorAsync(db, stalled.Id);
    }

    [Fact]
    public async Task AStalledWorkerResumingWhileAnotherHoldsTheJob_IsRefusedAndLeavesItToTheOther()
    {
        await using var db = await WorkerDatabase.CreateAsync(postgres);
        var stalled = await db.ClaimAsync((await db.Jobs.EnqueueAsync(db.TenantId, "m", Inputs, 3, None)).Id);
        var competitor = WorkerIdentity.Create();
        BatchJob? takenOver = null;
        db.Inference.OnRequest = async (number, _) =>
        {
            if (number == 1)
            {
                await db.ExpireLeaseAsync(stalled.Id);
                takenOver = await db.Jobs.ClaimNextAsync(competitor.Id, db.Options.Lease, None);
            }

            return null;
        };

        var outcome = await db.CreateProcessor(new FakeTimeProvider()).ProcessAsync(stalled, None);

        Assert.Equal(JobOutcome.LeaseLost, outcome);
        Assert.NotNull(takenOver);
        Assert.Equal(competitor.Id, await db.LeaseOwnerAsync(stalled.Id));
        Assert.Empty((await db.Ledger.GetSummaryAsync(db.TenantId, None)).Operations);

        Assert.Equal(JobOutcome.Completed, await db.CreateProcessor(new FakeTimeProvider(), competitor).ProcessAsync(takenOver, None));
        await AssertDoneOnceByTheCompetitorAsync(db, stalled.Id);
    }

    private static async Task AssertDoneOnceByTheCompetitorAsync(WorkerDatabase db, Guid jobId)
    {
        var stored = await db.Jobs.GetAsync(db.TenantId, jobId, None);
        Assert.Equal(BatchJobStatus.Succeeded, stored!.Status);
        Assert.Equal(2, stored.Attempts);
        // The fake's vectors carry the request number: the stalled worker's call was request 1, the competitor's 2.
        Assert.Equal(Inputs.Select(text => FakeInference.VectorFor(text, 2)), stored.Results!);
        var usage = await db.Ledger.GetSummaryAsync(db.TenantId, None);
        Assert.Equal([new OperationUsage(BatchJobStore.UsageOperation, 1, OneJobsTokens)], usage.Operations);
    }
}
