using Npgsql;

namespace AiNow.Data;

/// <summary>Records and sums tenant usage in <c>usage_events</c>.</summary>
public sealed class UsageLedger(NpgsqlDataSource dataSource) : IUsageRecorder
{
    /// <summary>
    /// Records one usage event. An event whose <paramref name="idempotencyKey"/> was already recorded is ignored
    /// (<c>ON CONFLICT (idempotency_key) DO NOTHING</c>), so a retried operation is counted once.
    /// </summary>
    /// <param name="tenantId">The tenant to charge.</param>
    /// <param name="operation">What was used, for example <c>embeddings</c>.</param>
    /// <param name="requests">Requests to add (zero or more).</param>
    /// <param name="tokens">Tokens to add (zero or more).</param>
    /// <param name="idempotencyKey">A key that identifies the operation across retries, or null to always record.</param>
    /// <param name="tx">A transaction to record in (its connection is used), or null to record on its own.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>True if recorded; false if an event with the same idempotency key already existed.</returns>
    public async Task<bool> RecordAsync(
        Guid tenantId,
        string operation,
        int requests,
        int tokens,
        string? idempotencyKey,
        NpgsqlTransaction? tx,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        ArgumentOutOfRangeException.ThrowIfNegative(requests);
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);

        const string sql = """
            INSERT INTO usage_events (tenant_id, operation, requests, tokens, idempotency_key)
            VALUES (@tenant_id, @operation, @requests, @tokens, @idempotency_key)
            ON CONFLICT (idempotency_key) DO NOTHING
            """;

        NpgsqlConnection? ownConnection = null;
        try
        {
            var connection = tx?.Connection ?? (ownConnection = await dataSource.OpenConnectionAsync(cancellationToken));
            await using var command = new NpgsqlCommand(sql, connection, tx);
            command.Parameters.AddWithValue("tenant_id", tenantId);
            command.Parameters.AddWithValue("operation", operation);
            command.Parameters.AddWithValue("requests", requests);
            command.Parameters.AddWithValue("tokens", tokens);
            command.Parameters.AddWithValue("idempotency_key", (object?)idempotencyKey ?? DBNull.Value);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        finally
        {
            if (ownConnection is not null)
            {
                await ownConnection.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Records many events in one statement (one round trip). Events already recorded under their idempotency
    /// key are skipped, so a batch retried after a lost answer counts each event once; events of a tenant that
    /// no longer exists are dropped, as its deletion would have removed them.
    /// </summary>
    /// <returns>How many events were newly recorded.</returns>
    public async Task<int> RecordManyAsync(IReadOnlyList<UsageEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return 0;
        }

        const string sql = """
            INSERT INTO usage_events (tenant_id, operation, requests, tokens, idempotency_key)
            SELECT e.tenant_id, e.operation, e.requests, e.tokens, e.idempotency_key
            FROM unnest(@tenant_ids, @operations, @requests, @tokens, @idempotency_keys)
                AS e(tenant_id, operation, requests, tokens, idempotency_key)
            JOIN tenants t ON t.id = e.tenant_id
            ON CONFLICT (idempotency_key) DO NOTHING
            """;

        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("tenant_ids", events.Select(e => e.TenantId).ToArray());
        command.Parameters.AddWithValue("operations", events.Select(e => e.Operation).ToArray());
        command.Parameters.AddWithValue("requests", events.Select(e => e.Requests).ToArray());
        command.Parameters.AddWithValue("tokens", events.Select(e => e.Tokens).ToArray());
        command.Parameters.AddWithValue("idempotency_keys", events.Select(e => e.IdempotencyKey).ToArray());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Sums a tenant's usage overall and per operation; a tenant without usage gets zeros and no operations.</summary>
    public async Task<UsageSummary> GetSummaryAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT operation, sum(requests)::bigint, sum(tokens)::bigint
            FROM usage_events
            WHERE tenant_id = @tenant_id
            GROUP BY operation
            ORDER BY operation
            """;

        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("tenant_id", tenantId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);

        var operations = new List<OperationUsage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            operations.Add(new OperationUsage(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return new UsageSummary(tenantId, operations.Sum(o => o.Requests), operations.Sum(o => o.Tokens), operations);
    }
}
