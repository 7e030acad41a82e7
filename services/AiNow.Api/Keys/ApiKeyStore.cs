using Npgsql;

namespace AiNow.Api.Keys;

/// <summary>Stores API keys (hash and prefix only) and finds the tenant of a key.</summary>
public interface IApiKeyStore
{
    /// <summary>Stores <paramref name="key"/> for <paramref name="tenantId"/>; null when the tenant does not exist.</summary>
    Task<StoredApiKey?> AddAsync(Guid tenantId, NewApiKey key, CancellationToken cancellationToken);

    /// <summary>The tenant whose unrevoked key has <paramref name="hash"/>, or null.</summary>
    Task<KeyOwner?> FindOwnerAsync(byte[] hash, CancellationToken cancellationToken);

    /// <summary>Revokes the tenant's key <paramref name="keyId"/>; its hash, or null when the tenant has no such active key.</summary>
    Task<byte[]?> RevokeAsync(Guid tenantId, Guid keyId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the tenant's active key <paramref name="keyId"/> with <paramref name="replacement"/> in one transaction:
    /// the new key stored and the old one revoked, or neither. Null when the tenant has no such active key.
    /// </summary>
    Task<RotatedApiKey?> RotateAsync(Guid tenantId, Guid keyId, NewApiKey replacement, CancellationToken cancellationToken);
}

/// <summary>A key that replaced another: the new key as stored, and the hash of the revoked one.</summary>
public sealed record RotatedApiKey(StoredApiKey Replacement, byte[] RevokedHash);

/// <summary>A stored key, as the admin endpoint reports it.</summary>
public sealed record StoredApiKey(Guid Id, Guid TenantId, string Prefix, DateTimeOffset CreatedAt);

/// <summary>The tenant an API key belongs to, with what the gateway needs to enforce limits.</summary>
public sealed record KeyOwner(Guid TenantId, string TenantName, int RateLimitPerMinute);

/// <summary><see cref="IApiKeyStore"/> on the <c>api_keys</c> table.</summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource) : IApiKeyStore
{
    public async Task<StoredApiKey?> AddAsync(Guid tenantId, NewApiKey key, CancellationToken cancellationToken)
    {
        // Inserting through a SELECT on tenants makes "no such tenant" an empty result rather than a
        // foreign-key exception.
        const string sql = """
            INSERT INTO api_keys (id, tenant_id, key_hash, key_prefix)
            SELECT @id, t.id, @key_hash, @key_prefix FROM tenants t WHERE t.id = @tenant_id
            RETURNING created_at
            """;

        var id = Guid.CreateVersion7();
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("tenant_id", tenantId);
        command.Parameters.AddWithValue("key_hash", key.Hash);
        command.Parameters.AddWithValue("key_prefix", key.Prefix);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredApiKey(id, tenantId, key.Prefix, reader.GetFieldValue<DateTimeOffset>(0))
            : null;
    }

    public async Task<byte[]?> RevokeAsync(Guid tenantId, Guid keyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(RevokeSql);
        AddKeyParameters(command, tenantId, keyId);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public async Task<RotatedApiKey?> RotateAsync(Guid tenantId, Guid keyId, NewApiKey replacement, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var revoke = new NpgsqlCommand(RevokeSql, connection, transaction);
        AddKeyParameters(revoke, tenantId, keyId);
        if (await revoke.ExecuteScalarAsync(cancellationToken) is not byte[] revokedHash)
        {
            return null;
        }

        await using var insert = new NpgsqlCommand(
            "INSERT INTO api_keys (id, tenant_id, key_hash, key_prefix) VALUES (@id, @tenant_id, @key_hash, @key_prefix) RETURNING created_at",
            connection, transaction);
        var id = Guid.CreateVersion7();
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("tenant_id", tenantId);
        insert.Parameters.AddWithValue("key_hash", replacement.Hash);
        insert.Parameters.AddWithValue("key_prefix", replacement.Prefix);
        var createdAt = (DateTime)(await insert.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return new RotatedApiKey(new StoredApiKey(id, tenantId, replacement.Prefix, new DateTimeOffset(createdAt, TimeSpan.Zero)), revokedHash);
    }

    // Only an active key of this tenant: revoking twice, or another tenant's key, finds nothing.
    private const string RevokeSql = """
        UPDATE api_keys SET revoked_at = now()
        WHERE id = @key_id AND tenant_id = @tenant_id AND revoked_at IS NULL
        RETURNING key_hash
        """;

    private static void AddKeyParameters(NpgsqlCommand command, Guid tenantId, Guid keyId)
    {
        command.Parameters.AddWithValue("key_id", keyId);
        command.Parameters.AddWithValue("tenant_id", tenantId);
    }

    public async Task<KeyOwner?> FindOwnerAsync(byte[] hash, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT t.id, t.name, t.rate_limit_per_minute
            FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
            WHERE k.key_hash = @key_hash AND k.revoked_at IS NULL
            """;

        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("key_hash", hash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new KeyOwner(reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2))
            : null;
    }
}
