using Npgsql;

namespace AiNow.Api.Tenants;

/// <summary>Creates and reads tenants.</summary>
public interface ITenantStore
{
    /// <summary>Creates a tenant; null when the name is taken.</summary>
    Task<Tenant?> CreateAsync(string name, int rateLimitPerMinute, CancellationToken cancellationToken);

    /// <summary>The tenant with <paramref name="id"/>, or null.</summary>
    Task<Tenant?> FindAsync(Guid id, CancellationToken cancellationToken);
}

/// <summary><see cref="ITenantStore"/> on the <c>tenants</c> table.</summary>
public sealed class TenantStore(NpgsqlDataSource dataSource) : ITenantStore
{
    public async Task<Tenant?> CreateAsync(string name, int rateLimitPerMinute, CancellationToken cancellationToken)
    {
        // ON CONFLICT turns a duplicate name into "no row" instead of an exception, race-free.
        const string sql = """
            INSERT INTO tenants (id, name, rate_limit_per_minute) VALUES (@id, @name, @rate_limit)
            ON CONFLICT (name) DO NOTHING
            RETURNING created_at
            """;

        var id = Guid.CreateVersion7();
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("rate_limit", rateLimitPerMinute);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Tenant(id, name, rateLimitPerMinute, reader.GetFieldValue<DateTimeOffset>(0))
            : null;
    }

    public async Task<Tenant?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, name, rate_limit_per_minute, created_at FROM tenants WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Tenant(reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2), reader.GetFieldValue<DateTimeOffset>(3))
            : null;
    }
}
