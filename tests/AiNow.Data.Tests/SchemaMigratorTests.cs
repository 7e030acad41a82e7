using AiNow.Testing;
using Npgsql;

namespace AiNow.Data.Tests;

[Collection(PostgresServer.Name)]
public sealed class SchemaMigratorTests(TemporaryPostgres postgres)
{
    [Fact]
    public async Task ApplyAsync_FreshDatabase_AppliesInitialSchema()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());

        var applied = await new SchemaMigrator(dataSource).ApplyAsync(CancellationToken.None);

        Assert.Contains(new AppliedMigration(1, "initial"), applied);
        await using var command = dataSource.CreateCommand("""
            SELECT count(*) FROM information_schema.tables
            WHERE table_schema = 'public' AND table_name IN ('tenants', 'api_keys', 'usage_events', 'batch_jobs', 'schema_migrations')
            """);
        Assert.Equal(5L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task ApplyAsync_SecondRun_AppliesNothing()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        var migrator = new SchemaMigrator(dataSource);
        await migrator.ApplyAsync(CancellationToken.None);

        var applied = await migrator.ApplyAsync(CancellationToken.None);

        Assert.Empty(applied);
    }

    [Fact]
    public async Task ApplyAsync_ConcurrentRuns_ApplyEachVersionOnce()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => new SchemaMigrator(dataSource).ApplyAsync(CancellationToken.None)));

        var all = runs.SelectMany(run => run).ToList();
        Assert.Equal(all.Distinct().Count(), all.Count);
        Assert.Contains(new AppliedMigration(1, "initial"), all);
    }

    [Fact]
    public async Task ApplyAsync_AppliedScriptChanged_ThrowsNamingTheScript()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        var migrator = new SchemaMigrator(dataSource);
        await migrator.ApplyAsync(CancellationToken.None);
        await using (var tamper = dataSource.CreateCommand("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1"))
        {
            await tamper.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => migrator.ApplyAsync(CancellationToken.None));

        Assert.Contains("0001_initial.sql", error.Message, StringComparison.Ordinal);
        Assert.Contains("changed after it was applied", error.Message, StringComparison.Ordinal);
    }
}
