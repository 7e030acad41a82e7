using AiNow.Migrations;
using AiNow.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace AiNow.Data.Tests.Migrations;

[Collection(PostgresServer.Name)]
public sealed class SchemaMigrationRunnerTests(TemporaryPostgres postgres)
{
    private const string Password = "runner-password-0123456789";

    [Fact]
    public async Task MigrateAsync_RuntimeRoleConfigured_AppliesSchemaAndRoleWithoutLoggingThePassword()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        var role = RuntimeRoleGrantsTests.NewRoleName();
        var logger = new RecordingLogger<SchemaMigrationRunner>();
        var runner = Runner(dataSource, new MigrationsOptions { RuntimeRole = role, RuntimeRolePassword = Password }, logger, TimeProvider.System);

        Assert.True(await runner.MigrateAsync(CancellationToken.None));

        Assert.Contains($"Runtime role {role} created", logger.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, logger.AllText, StringComparison.Ordinal);
        await using var runtime = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(dataSource.ConnectionString)
        {
            Username = role,
            Password = Password,
            Pooling = false,
        }.ConnectionString);
        await using var command = runtime.CreateCommand("SELECT count(*) FROM batch_jobs");
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task MigrateAsync_NoRuntimeRole_AppliesSchemaAndCreatesNoRole()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        var logger = new RecordingLogger<SchemaMigrationRunner>();
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM pg_roles");
        var rolesBefore = (long)(await count.ExecuteScalarAsync())!;

        Assert.True(await Runner(dataSource, new MigrationsOptions(), logger, TimeProvider.System).MigrateAsync(CancellationToken.None));

        Assert.Equal(rolesBefore, (long)(await count.ExecuteScalarAsync())!);
        Assert.DoesNotContain("Runtime role", logger.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateAsync_DatabaseDoesNotExist_GivesUpNamingTheDatabaseAndWhoCreatesIt()
    {
        var missing = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = "ainowdb_missing", Pooling = false };
        await using var dataSource = NpgsqlDataSource.Create(missing.ConnectionString);
        var logger = new RecordingLogger<SchemaMigrationRunner>();
        var time = new FakeTimeProvider();
        var run = Runner(dataSource, new MigrationsOptions(), logger, time).MigrateAsync(CancellationToken.None);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!run.IsCompleted)
        {
            time.Advance(SchemaMigrationRunner.RetryDelay);
            await Task.Delay(20, deadline.Token);
        }

        Assert.False(await run);
        var (level, text) = logger.Entries.Last();
        Assert.Equal(LogLevel.Critical, level);
        Assert.Contains("Database 'ainowdb_missing' does not exist", text, StringComparison.Ordinal);
        Assert.Contains("POSTGRES_DB", text, StringComparison.Ordinal);
        Assert.Contains("infrastructure", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateAsync_RoleCannotBeSetUp_FailsSayingTheSchemaIsCurrent()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        var logger = new RecordingLogger<SchemaMigrationRunner>();
        // The migrator's own role: refused, after the schema was applied.
        var runner = Runner(dataSource, new MigrationsOptions { RuntimeRole = "postgres", RuntimeRolePassword = Password }, logger, TimeProvider.System);

        Assert.False(await runner.MigrateAsync(CancellationToken.None));

        var (level, text) = logger.Entries.Last();
        Assert.Equal(LogLevel.Critical, level);
        Assert.StartsWith("Schema is current, but runtime role postgres could NOT be set up", text, StringComparison.Ordinal);
    }

    private static SchemaMigrationRunner Runner(
        NpgsqlDataSource dataSource, MigrationsOptions options, ILogger<SchemaMigrationRunner> logger, TimeProvider time) =>
        new(new SchemaMigrator(dataSource), new RuntimeRoleGrants(dataSource), Options.Create(options), dataSource,
            new StoppedLifetime(), time, logger);

    private sealed class StoppedLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
