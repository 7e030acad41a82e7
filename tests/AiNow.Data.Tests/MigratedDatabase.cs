using AiNow.Testing;
using Npgsql;

namespace AiNow.Data.Tests;

/// <summary>A fresh database with the schema applied and the data classes wired to it.</summary>
internal sealed class MigratedDatabase : IAsyncDisposable
{
    private MigratedDatabase(NpgsqlDataSource dataSource)
    {
        DataSource = dataSource;
        Ledger = new UsageLedger(dataSource);
        Jobs = new BatchJobStore(dataSource, Ledger);
    }

    public NpgsqlDataSource DataSource { get; }

    public UsageLedger Ledger { get; }

    public BatchJobStore Jobs { get; }

    public static async Task<MigratedDatabase> CreateAsync(TemporaryPostgres postgres)
    {
        var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        await new SchemaMigrator(dataSource).ApplyAsync(CancellationToken.None);
        return new MigratedDatabase(dataSource);
    }

    public async Task<Guid> InsertTenantAsync()
    {
        var id = Guid.NewGuid();
        await using var command = DataSource.CreateCommand(
            "INSERT INTO tenants (id, name, rate_limit_per_minute) VALUES (@id, @name, 60)");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("name", $"tenant-{id:N}");
        await command.ExecuteNonQueryAsync();
        return id;
    }

    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
