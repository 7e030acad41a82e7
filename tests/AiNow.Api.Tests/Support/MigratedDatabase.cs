using AiNow.Data;
using AiNow.Testing;
using Npgsql;

namespace AiNow.Api.Tests.Support;

/// <summary>Databases for the tests in the <see cref="PostgresServer"/> collection.</summary>
internal static class MigratedDatabase
{
    /// <summary>A fresh database with the schema applied, so each test class sees only its own rows.</summary>
    public static async Task<string> CreateAsync(TemporaryPostgres server)
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource).ApplyAsync(CancellationToken.None);
        return connectionString;
    }
}
