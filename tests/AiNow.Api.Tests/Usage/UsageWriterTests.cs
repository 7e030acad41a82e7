using AiNow.Api.Tests.Support;
using AiNow.Api.Usage;
using AiNow.Data;
using AiNow.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AiNow.Api.Tests.Usage;

/// <summary>The write-behind of usage charges against a real PostgreSQL.</summary>
[Collection(PostgresServer.Name)]
public sealed class UsageWriterTests(TemporaryPostgres postgres)
{
    [Fact]
    public async Task Writer_DatabaseRefusesAtFirst_KeepsTheChargesAndStoresThemWhenItCanOnce()
    {
        // A database without the schema refuses every write, as an unreachable one would; migrating it is its return.
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var ledger = new UsageLedger(dataSource);
        var pending = new PendingUsage(capacity: 100);
        using var writer = new UsageWriter(pending, ledger, NullLogger<UsageWriter>.Instance);
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
        using var writer = new UsageWriter(pending, ledger, NullLogger<UsageWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);

        for (var i = 0; i < UsageWriter.MaxBatch + 10; i++)
        {
            pending.TryAdd(new UsageEvent(tenant, "embeddings", 1, 1, $"request:{i}"));
        }

        await writer.StopAsync(CancellationToken.None);

        Assert.Equal(0, pending.Count);
        Assert.Equal(UsageWriter.MaxBatch + 10, (await ledger.GetSummaryAsync(tenant, CancellationToken.None)).Requests);
    }

    private static async Task InsertTenantAsync(NpgsqlDataSource dataSource, Guid tenant)
    {
        await using var command = dataSource.CreateCommand("INSERT INTO tenants (id, name, rate_limit_per_minute) VALUES (@id, @name, 60)");
        command.Parameters.AddWithValue("id", tenant);
        command.Parameters.AddWithValue("name", $"tenant-{tenant:N}");
        await command.ExecuteNonQueryAsync();
    }
}
