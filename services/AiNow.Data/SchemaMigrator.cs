using Npgsql;

namespace AiNow.Data;

/// <summary>Applies the embedded <c>Schema/NNNN_name.sql</c> scripts that the database has not seen yet.</summary>
public sealed class SchemaMigrator(NpgsqlDataSource dataSource)
{
    // Any constant works as long as nothing else in the database uses it; this one spells "AiNow".
    // RuntimeRoleGrants takes the same lock, so grants never interleave with a script.
    internal const long AdvisoryLockKey = 0x41694E6F77;

    private const string EnsureHistoryTableSql = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version integer PRIMARY KEY,
            name text NOT NULL,
            checksum text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    /// <summary>
    /// Applies pending scripts in version order, each in its own transaction holding a transaction-level
    /// advisory lock (so concurrent migrators wait for each other), and records version, name and SHA-256
    /// checksum in <c>schema_migrations</c>. Safe to run any number of times.
    /// </summary>
    /// <returns>The scripts applied by this call; empty when the schema was already current.</returns>
    /// <exception cref="InvalidOperationException">An already applied script's content has changed since it ran.</exception>
    public async Task<IReadOnlyList<AppliedMigration>> ApplyAsync(CancellationToken cancellationToken)
    {
        var applied = new List<AppliedMigration>();
        foreach (var script in SchemaScript.LoadEmbedded())
        {
            if (await ApplyScriptAsync(script, cancellationToken))
            {
                applied.Add(new AppliedMigration(script.Version, script.Name));
            }
        }

        return applied;
    }

    private async Task<bool> ApplyScriptAsync(SchemaScript script, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            command.Parameters.AddWithValue("key", AdvisoryLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = new NpgsqlCommand(EnsureHistoryTableSql, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        string? recordedChecksum;
        await using (var command = new NpgsqlCommand("SELECT checksum FROM schema_migrations WHERE version = @version", connection, transaction))
        {
            command.Parameters.AddWithValue("version", script.Version);
            recordedChecksum = (string?)await command.ExecuteScalarAsync(cancellationToken);
        }

        if (recordedChecksum is not null)
        {
            if (!string.Equals(recordedChecksum, script.Checksum, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"Schema script {script.Version:D4}_{script.Name}.sql was changed after it was applied " +
                    $"(recorded checksum {recordedChecksum}, current {script.Checksum}). Applied scripts must not be edited; " +
                    "restore the original and put the change in a new script with the next version number.");
            }

            await transaction.CommitAsync(cancellationToken);
            return false;
        }

        await using (var command = new NpgsqlCommand(script.Sql, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = new NpgsqlCommand(
            "INSERT INTO schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)", connection, transaction))
        {
            command.Parameters.AddWithValue("version", script.Version);
            command.Parameters.AddWithValue("name", script.Name);
            command.Parameters.AddWithValue("checksum", script.Checksum);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
