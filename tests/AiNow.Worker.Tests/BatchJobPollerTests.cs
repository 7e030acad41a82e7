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
    public void ErrorDelay_ConsecutiveErrors_DoublesPollIntervalUpTo30Seconds(int consecutiveErrors, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), BatchJobPoller.ErrorDelay(TimeSpan.FromSeconds(1), consecutiveErrors));
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
}
