using AiNow.Testing;

namespace AiNow.Data.Tests;

[Collection(PostgresServer.Name)]
public sealed class UsageLedgerTests(TemporaryPostgres postgres)
{
    [Fact]
    public async Task RecordAsync_SameIdempotencyKeyTwice_RecordsOnce()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();

        var first = await db.Ledger.RecordAsync(tenant, "embeddings", 1, 10, "request:1", null, CancellationToken.None);
        var second = await db.Ledger.RecordAsync(tenant, "embeddings", 1, 10, "request:1", null, CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        var summary = await db.Ledger.GetSummaryAsync(tenant, CancellationToken.None);
        Assert.Equal(1, summary.Requests);
        Assert.Equal(10, summary.Tokens);
    }

    [Fact]
    public async Task RecordAsync_NoIdempotencyKey_RecordsEveryCall()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();

        await db.Ledger.RecordAsync(tenant, "embeddings", 1, 5, null, null, CancellationToken.None);
        await db.Ledger.RecordAsync(tenant, "embeddings", 1, 5, null, null, CancellationToken.None);

        var summary = await db.Ledger.GetSummaryAsync(tenant, CancellationToken.None);
        Assert.Equal(2, summary.Requests);
        Assert.Equal(10, summary.Tokens);
    }

    [Fact]
    public async Task RecordAsync_TransactionRolledBack_RecordsNothing()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();

        await using (var connection = await db.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await db.Ledger.RecordAsync(tenant, "embeddings", 1, 5, "k", transaction, CancellationToken.None);
            await transaction.RollbackAsync();
        }

        var summary = await db.Ledger.GetSummaryAsync(tenant, CancellationToken.None);
        Assert.Equal(0, summary.Requests);
    }

    [Fact]
    public async Task RecordManyAsync_BatchRetriedWithANewEvent_CountsEachEventOnce()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        UsageEvent[] first = [new(tenant, "embeddings", 1, 3, "request:a"), new(tenant, "embeddings", 1, 4, "request:b"), new(tenant, "chat.completions", 1, 5, "request:c")];

        Assert.Equal(3, await db.Ledger.RecordManyAsync(first, CancellationToken.None));
        Assert.Equal(1, await db.Ledger.RecordManyAsync([.. first, new(tenant, "embeddings", 1, 6, "request:d")], CancellationToken.None));

        var summary = await db.Ledger.GetSummaryAsync(tenant, CancellationToken.None);
        Assert.Equal(4, summary.Requests);
        Assert.Equal(18, summary.Tokens);
        Assert.Equal([("chat.completions", 1L, 5L), ("embeddings", 3L, 13L)], summary.Operations.Select(o => (o.Operation, o.Requests, o.Tokens)));
    }

    [Fact]
    public async Task RecordManyAsync_EventOfAVanishedTenant_IsDroppedAndTheOthersRecorded()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();

        var recorded = await db.Ledger.RecordManyAsync(
            [new(Guid.NewGuid(), "embeddings", 1, 9, "request:gone"), new(tenant, "embeddings", 1, 2, "request:kept")], CancellationToken.None);

        Assert.Equal(1, recorded);
        Assert.Equal(2, (await db.Ledger.GetSummaryAsync(tenant, CancellationToken.None)).Tokens);
    }

    [Fact]
    public async Task GetSummaryAsync_SeveralOperationsAndTenants_SumsPerOperationForThatTenantOnly()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);
        var tenant = await db.InsertTenantAsync();
        var other = await db.InsertTenantAsync();
        await db.Ledger.RecordAsync(tenant, "embeddings", 1, 7, null, null, CancellationToken.None);
        await db.Ledger.RecordAsync(tenant, "embeddings", 1, 3, null, null, CancellationToken.None);
        await db.Ledger.RecordAsync(tenant, "batch.embeddings", 1, 100, null, null, CancellationToken.None);
        await db.Ledger.RecordAsync(other, "embeddings", 5, 500, null, null, CancellationToken.None);

        var summary = await db.Ledger.GetSummaryAsync(tenant, CancellationToken.None);

        Assert.Equal(tenant, summary.TenantId);
        Assert.Equal(3, summary.Requests);
        Assert.Equal(110, summary.Tokens);
        Assert.Equal(
            [new OperationUsage("batch.embeddings", 1, 100), new OperationUsage("embeddings", 2, 10)],
            summary.Operations);
    }

    [Fact]
    public async Task GetSummaryAsync_NoUsage_ReturnsZeros()
    {
        await using var db = await MigratedDatabase.CreateAsync(postgres);

        var summary = await db.Ledger.GetSummaryAsync(Guid.NewGuid(), CancellationToken.None);

        Assert.Equal(0, summary.Requests);
        Assert.Equal(0, summary.Tokens);
        Assert.Empty(summary.Operations);
    }
}
