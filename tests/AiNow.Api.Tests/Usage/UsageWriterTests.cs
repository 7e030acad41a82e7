using AiNow.Api.Tests.Support;
using AiNow.Api.Usage;
using AiNow.Data;
using AiNow.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AiNow.Api.Tests.Usage;

/// <summary>The write-behind of usage charges against a real PostgreSQL, with the outbox on Garnet.</summary>
[Collection(PostgresServer.Name)]
public sealed class UsageWriterTests(TemporaryPostgres postgres) : IAsyncLifetime
{
    private TemporaryGarnet _garnet = null!;

    public async Task InitializeAsync() => _garnet = await TemporaryGarnet.StartAsync();

    public async Task DisposeAsync() => await _garnet.DisposeAsync();

    private static UsageWriter CreateWriter(PendingUsage pending, UsageLedger ledger, IUsageOutbox outbox) =>
        new(pending, ledger, outbox, TimeProvider.System, NullLogger<UsageWriter>.Instance);

    private static RedisUsageOutbox CreateOutbox(StackExchange.Redis.IConnectionMultiplexer redis) =>
        new(redis, NullLogger<RedisUsageOutbox>.Instance);

    [Fact]
    public async Task Writer_LedgerAndOutboxRefuseAtFirst_KeepsTheChargesAndStoresThemWhenItCanOnce()
    {
        // A database without the schema refuses every write, as an unreachable one would; migrating it is its return.
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var ledger = new UsageLedger(dataSource);
        var pending = new PendingUsage(capacity: 100);
        await using var unreachable = await UnreachableRedis.ConnectAsync();
        using var writer = CreateWriter(pending, ledger, CreateOutbox(unreachable));
        await writer.StartAsync(CancellationToken.None);
        try
        {
            var tenant = Guid.NewGuid();
            pending.TryAdd(new UsageEvent(tenant, "embeddings", 1, 4, "request:1"));
            pending.TryAdd(new UsageEvent(tenant, "embeddings", 1, 6, "request:2"));
            Assert.False(await pending.WaitStoredAsync(TimeSpan.FromMilliseconds(600), CancellationToken.None));

            await new SchemaMigrator(dataSource).ApplyAsync(CancellationToken.None);
            await InsertTenantAsync(dataSource, tenant);

            Assert.True(await pending.WaitStoredAsync(TimeSpan.FromSeconds(30), CancellationToken.None));
            var summary = await ledger.GetSummaryAsync(tenant, CancellationToken.None);
            Assert.Equal((2L, 10L), (summary.Requests, summary.Tokens));
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task StopAsync_WithChargesPending_WritesThemBeforeStopping()
    {
        await using var dataSource = NpgsqlDataSource.Create(await MigratedDatabase.CreateAsync(postgres));
        var tenant = Guid.NewGuid();
        await InsertTenantAsync(dataSource, tenant);
        var ledger = new UsageLedger(dataSource);
        var pending = new PendingUsage(capacity: 1000);
        using var writer = CreateWriter(pending, ledger, CreateOutbox(_garnet.Redis));
        await writer.StartAsync(CancellationToken.None);

        for (var i = 0; i < UsageWriter.MaxBatch + 10; i++)
        {
            pending.TryAdd(new UsageEvent(tenant, "embeddings", 1, 1, $"request:{i}"));
        }

        await writer.StopAsync(CancellationToken.None);

        Assert.Equal(0, pending.Count);
        Assert.Equal(UsageWriter.MaxBatch + 10, (await ledger.GetSummaryAsync(tenant, CancellationToken.None)).Requests);
    }

    [Fact]
    public async Task Writer_LedgerRefuses_KeepsTheChargesInTheOutboxWhichTheDrainerMovesOnceTheDatabaseIsBack()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var ledger = new UsageLedger(dataSource);
        var outbox = CreateOutbox(_garnet.Redis);
        var pending = new PendingUsage(capacity: 100);
        var tenant = Guid.NewGuid();
        using (var writer = CreateWriter(pending, ledger, outbox))
        {
            await writer.StartAsync(CancellationToken.None);
            pending.TryAdd(new UsageEvent(tenant, "embeddings", 1, 4, "request:1"));
            pending.TryAdd(new UsageEvent(tenant, "chat.completions", 1, 6, "request:2"));

            // Kept without the database: out of this replica's memory, so they outlive it.
            Assert.True(await pending.WaitStoredAsync(TimeSpan.FromSeconds(30), CancellationToken.None));
            Assert.Equal(["request:1", "request:2"], (await outbox.PeekAsync(10, CancellationToken.None)).Select(c => c.IdempotencyKey).Order());
            // The replica goes away without a graceful stop: nothing is left for it to write.
        }

        await new SchemaMigrator(dataSource).ApplyAsync(CancellationToken.None);
        await InsertTenantAsync(dataSource, tenant);
        var drainer = new UsageOutboxDrainer(outbox, ledger, TimeProvider.System, NullLogger<UsageOutboxDrainer>.Instance);

        Assert.Equal(2, await drainer.DrainAsync(CancellationToken.None));

        var summary = await ledger.GetSummaryAsync(tenant, CancellationToken.None);
        Assert.Equal((2L, 10L), (summary.Requests, summary.Tokens));
        Assert.Empty(await outbox.PeekAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Drainer_ChargeAlreadyInTheLedger_CountsItOnce()
    {
        await using var dataSource = NpgsqlDataSource.Create(await MigratedDatabase.CreateAsync(postgres));
        var tenant = Guid.NewGuid();
        await InsertTenantAsync(dataSource, tenant);
        var ledger = new UsageLedger(dataSource);
        var outbox = CreateOutbox(_garnet.Redis);
        // A stash whose answer was lost, retried into the ledger: the charge is in both.
        var charge = new UsageEvent(tenant, "embeddings", 1, 5, "request:both");
        await ledger.RecordManyAsync([charge], CancellationToken.None);
        Assert.True(await outbox.TryStashAsync([charge, charge with { IdempotencyKey = "request:only-outbox" }]));

        await new UsageOutboxDrainer(outbox, ledger, TimeProvider.System, NullLogger<UsageOutboxDrainer>.Instance).DrainAsync(CancellationToken.None);

        var summary = await ledger.GetSummaryAsync(tenant, CancellationToken.None);
        Assert.Equal((2L, 10L), (summary.Requests, summary.Tokens));
        Assert.Empty(await outbox.PeekAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Drainer_DatabaseAway_LeavesTheChargesInTheOutbox()
    {
        // No schema: the ledger refuses, as a database that is away would.
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        var outbox = CreateOutbox(_garnet.Redis);
        var charge = new UsageEvent(Guid.NewGuid(), "embeddings", 1, 5, "request:waiting");
        Assert.True(await outbox.TryStashAsync([charge]));

        var drainer = new UsageOutboxDrainer(outbox, new UsageLedger(dataSource), TimeProvider.System, NullLogger<UsageOutboxDrainer>.Instance);
        await Assert.ThrowsAsync<PostgresException>(() => drainer.DrainAsync(CancellationToken.None));

        Assert.Equal([charge], await outbox.PeekAsync(10, CancellationToken.None));
    }

    private static async Task InsertTenantAsync(NpgsqlDataSource dataSource, Guid tenant)
    {
        await using var command = dataSource.CreateCommand("INSERT INTO tenants (id, name, rate_limit_per_minute) VALUES (@id, @name, 60)");
        command.Parameters.AddWithValue("id", tenant);
        command.Parameters.AddWithValue("name", $"tenant-{tenant:N}");
        await command.ExecuteNonQueryAsync();
    }
}
