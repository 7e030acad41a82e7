using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace AiNow.Data;

/// <summary>
/// The batch job queue in <c>batch_jobs</c>. Workers claim jobs with a lease; every state change after a claim is
/// guarded by the lease owner, so a worker that lost its job (lease expired and another worker claimed it) can
/// neither complete nor fail it, and a job's results and usage are written exactly once.
/// </summary>
public sealed class BatchJobStore(NpgsqlDataSource dataSource, UsageLedger usageLedger)
{
    /// <summary>The usage operation a completed batch job is recorded under (one request, the job's tokens).</summary>
    public const string UsageOperation = "batch.embeddings";

    // last_error is shown to the tenant and is meant to be one of BatchJobErrors; the bound only keeps a careless
    // caller from storing a megabyte.
    private const int MaxErrorLength = 2000;

    private const string Columns =
        "id, tenant_id, model, inputs, status, attempts, max_attempts, created_at, completed_at, last_error, results, trace_parent, input_count, expired_at";

    private const string InsertSql = $"""
        INSERT INTO batch_jobs (id, tenant_id, model, inputs, input_count, status, max_attempts, trace_parent)
        VALUES (@id, @tenant_id, @model, @inputs, @input_count, 'queued', @max_attempts, @trace_parent)
        RETURNING {Columns}
        """;

    // Transaction-scoped advisory locks are keyed (class, object); this class keeps quota locks apart from any other use.
    private const int QuotaLockClass = 0x42_41_54_51; // "BATQ"

    /// <summary>The usage idempotency key of a job's completion; one job is charged once however often it completes.</summary>
    public static string UsageIdempotencyKey(Guid jobId) => string.Create(CultureInfo.InvariantCulture, $"batch:{jobId}");

    /// <summary>Queues a new job, due immediately, with no quota check (the api queues through <see cref="TryEnqueueAsync"/>).</summary>
    /// <param name="tenantId">The owning tenant (must exist).</param>
    /// <param name="model">The embedding model to use.</param>
    /// <param name="inputs">The texts to embed (at least one).</param>
    /// <param name="maxAttempts">Claims allowed before the job is marked failed (at least one).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <param name="traceParent">The W3C <c>traceparent</c> of the request queuing it, which the worker's processing continues; null for none.</param>
    /// <returns>The stored job, status <see cref="BatchJobStatus.Queued"/>.</returns>
    public async Task<BatchJob> EnqueueAsync(
        Guid tenantId, string model, IReadOnlyList<string> inputs, int maxAttempts, CancellationToken cancellationToken, string? traceParent = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfZero(inputs.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);

        await using var command = dataSource.CreateCommand(InsertSql);
        AddInsertParameters(command, tenantId, model, inputs, maxAttempts, traceParent);
        return await ReadSingleAsync(command, cancellationToken)
            ?? throw new InvalidOperationException("INSERT ... RETURNING returned no row.");
    }

    /// <summary>
    /// Queues a new job, due immediately, unless the tenant's unfinished jobs (queued and running) with this one
    /// would number more than <see cref="BatchQuota.MaxPendingJobs"/> or hold more than
    /// <see cref="BatchQuota.MaxPendingInputs"/> texts. Concurrent submissions of one tenant take a per-tenant
    /// advisory lock for the check and the insert, so together they can never pass the quota.
    /// </summary>
    /// <param name="tenantId">The owning tenant (must exist).</param>
    /// <param name="model">The embedding model to use.</param>
    /// <param name="inputs">The texts to embed (at least one).</param>
    /// <param name="maxAttempts">Claims allowed before the job is marked failed (at least one).</param>
    /// <param name="quota">The tenant's limits.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <param name="traceParent">The W3C <c>traceparent</c> of the request queuing it; null for none.</param>
    /// <returns>The queued job, or the tenant's unfinished work when the job was refused (nothing is written then).</returns>
    public async Task<BatchEnqueueResult> TryEnqueueAsync(
        Guid tenantId, string model, IReadOnlyList<string> inputs, int maxAttempts, BatchQuota quota,
        CancellationToken cancellationToken, string? traceParent = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(quota);
        ArgumentOutOfRangeException.ThrowIfZero(inputs.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(quota.MaxPendingJobs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(quota.MaxPendingInputs, 1);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The lock is taken in its own statement: under READ COMMITTED each statement sees what was committed when
        // it started, so the count below sees every job a competitor inserted before releasing the lock.
        await using (var lockTenant = new NpgsqlCommand(
            "SELECT pg_advisory_xact_lock(@lock_class, hashtext(@tenant_id::text))", connection, transaction))
        {
            lockTenant.Parameters.AddWithValue("lock_class", QuotaLockClass);
            lockTenant.Parameters.AddWithValue("tenant_id", tenantId);
            await lockTenant.ExecuteNonQueryAsync(cancellationToken);
        }

        BatchQuotaUsage usage;
        await using (var count = new NpgsqlCommand("""
            SELECT count(*), coalesce(sum(input_count), 0)::bigint FROM batch_jobs
            WHERE tenant_id = @tenant_id AND status IN ('queued', 'running')
            """, connection, transaction))
        {
            count.Parameters.AddWithValue("tenant_id", tenantId);
            await using var reader = await count.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            usage = new BatchQuotaUsage(reader.GetInt64(0), reader.GetInt64(1));
        }

        if (usage.PendingJobs + 1 > quota.MaxPendingJobs || usage.PendingInputs + inputs.Count > quota.MaxPendingInputs)
        {
            return new BatchEnqueueResult(null, usage);
        }

        BatchJob job;
        await using (var insert = new NpgsqlCommand(InsertSql, connection, transaction))
        {
            AddInsertParameters(insert, tenantId, model, inputs, maxAttempts, traceParent);
            job = await ReadSingleAsync(insert, cancellationToken)
                ?? throw new InvalidOperationException("INSERT ... RETURNING returned no row.");
        }

        await transaction.CommitAsync(cancellationToken);
        return new BatchEnqueueResult(job, null);
    }

    /// <summary>Counts the waiting and running jobs and the age of the oldest waiting one, for the queue gauges.</summary>
    public async Task<QueueSnapshot> ReadQueueAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(*) FILTER (WHERE status = 'queued'),
                   count(*) FILTER (WHERE status = 'running'),
                   coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE status = 'queued')), 0)::float8
            FROM batch_jobs
            WHERE status IN ('queued', 'running')
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new QueueSnapshot(reader.GetInt64(0), reader.GetInt64(1), TimeSpan.FromSeconds(Math.Max(0, reader.GetDouble(2))));
    }

    /// <summary>Gets a job; null when it does not exist or belongs to another tenant.</summary>
    public async Task<BatchJob?> GetAsync(Guid tenantId, Guid jobId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM batch_jobs WHERE id = @id AND tenant_id = @tenant_id");
        command.Parameters.AddWithValue("id", jobId);
        command.Parameters.AddWithValue("tenant_id", tenantId);
        return await ReadSingleAsync(command, cancellationToken);
    }

    /// <summary>
    /// Claims a claimable job (queued and due, or running with an expired lease: its worker died), fairly across
    /// tenants: from the tenant with the fewest jobs running under a live lease, its longest-due job; ties go to the
    /// longest-due job of any of them. A tenant that queues many jobs therefore cannot starve the others.
    /// One statement with <c>FOR UPDATE SKIP LOCKED</c>, so concurrent claimers never get the same job.
    /// Sets status running, the lease and attempts + 1. Running jobs whose lease expired on their last
    /// allowed attempt are marked failed (<see cref="BatchJobErrors.LeaseExpiredOnLastAttempt"/>) instead of being claimed again.
    /// </summary>
    /// <returns>The claimed job, or null when nothing is claimable.</returns>
    public async Task<BatchJob?> ClaimNextAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);

        const string failExhaustedSql = """
            UPDATE batch_jobs
            SET status = 'failed', last_error = @lease_expired,
                lease_owner = NULL, lease_expires_at = NULL, completed_at = now(), updated_at = now()
            WHERE id IN (
                SELECT id FROM batch_jobs
                WHERE status = 'running' AND lease_expires_at <= now() AND attempts >= max_attempts
                FOR UPDATE SKIP LOCKED)
            """;

        // The candidates are few (the per-tenant quota bounds each tenant's unfinished jobs), so ranking them all by
        // their tenant's running count costs little; a skipped (locked) candidate falls through to the next one.
        var claimSql = $"""
            WITH running AS (
                SELECT tenant_id, count(*) AS jobs FROM batch_jobs
                WHERE status = 'running' AND lease_expires_at > now()
                GROUP BY tenant_id),
            candidate AS (
                SELECT job.id FROM batch_jobs job
                LEFT JOIN running ON running.tenant_id = job.tenant_id
                WHERE (job.status = 'queued' AND job.next_attempt_at <= now())
                   OR (job.status = 'running' AND job.lease_expires_at <= now() AND job.attempts < job.max_attempts)
                ORDER BY coalesce(running.jobs, 0), job.next_attempt_at, job.id
                LIMIT 1
                FOR UPDATE OF job SKIP LOCKED)
            UPDATE batch_jobs
            SET status = 'running', lease_owner = @worker_id, lease_expires_at = now() + @lease,
                attempts = attempts + 1, updated_at = now()
            WHERE id = (SELECT id FROM candidate)
            RETURNING {Columns}
            """;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var failExhausted = new NpgsqlCommand(failExhaustedSql, connection))
        {
            failExhausted.Parameters.AddWithValue("lease_expired", BatchJobErrors.LeaseExpiredOnLastAttempt);
            await failExhausted.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var claim = new NpgsqlCommand(claimSql, connection);
        claim.Parameters.AddWithValue("worker_id", workerId);
        claim.Parameters.AddWithValue("lease", lease);
        return await ReadSingleAsync(claim, cancellationToken);
    }

    /// <summary>Extends the lease of a job this worker still owns.</summary>
    /// <returns>False when the job is no longer running under <paramref name="workerId"/> (the lease was lost).</returns>
    public async Task<bool> RenewLeaseAsync(Guid jobId, string workerId, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);

        await using var command = dataSource.CreateCommand("""
            UPDATE batch_jobs SET lease_expires_at = now() + @lease, updated_at = now()
            WHERE id = @id AND status = 'running' AND lease_owner = @worker_id
            """);
        command.Parameters.AddWithValue("id", jobId);
        command.Parameters.AddWithValue("worker_id", workerId);
        command.Parameters.AddWithValue("lease", lease);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// In one transaction, and only while the job is running under <paramref name="workerId"/>: stores the results,
    /// marks the job succeeded and records usage (one request, <paramref name="tokens"/> tokens, operation
    /// <see cref="UsageOperation"/>) with the idempotency key <c>batch:{jobId}</c>.
    /// </summary>
    /// <param name="jobId">The job.</param>
    /// <param name="workerId">The worker that claimed it.</param>
    /// <param name="results">One vector per input, in input order.</param>
    /// <param name="tokens">The tokens the job used.</param>
    /// <param name="cancellationToken">Cancels the transaction (nothing is written then).</param>
    /// <returns>False when this worker no longer owns the job; nothing is written then.</returns>
    /// <exception cref="ArgumentException">The number of results differs from the number of inputs.</exception>
    public async Task<bool> CompleteAsync(
        Guid jobId, string workerId, IReadOnlyList<float[]> results, int tokens, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        Guid tenantId;
        int inputCount;
        await using (var lockJob = new NpgsqlCommand("""
            SELECT tenant_id, jsonb_array_length(inputs) FROM batch_jobs
            WHERE id = @id AND status = 'running' AND lease_owner = @worker_id
            FOR UPDATE
            """, connection, transaction))
        {
            lockJob.Parameters.AddWithValue("id", jobId);
            lockJob.Parameters.AddWithValue("worker_id", workerId);
            await using var reader = await lockJob.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return false;
            }

            tenantId = reader.GetGuid(0);
            inputCount = reader.GetInt32(1);
        }

        if (results.Count != inputCount)
        {
            throw new ArgumentException(
                $"Job {jobId} has {inputCount} inputs but {results.Count} results were given; pass one vector per input.", nameof(results));
        }

        await using (var complete = new NpgsqlCommand("""
            UPDATE batch_jobs
            SET status = 'succeeded', results = @results, last_error = NULL,
                lease_owner = NULL, lease_expires_at = NULL, completed_at = now(), updated_at = now()
            WHERE id = @id
            """, connection, transaction))
        {
            complete.Parameters.AddWithValue("id", jobId);
            complete.Parameters.Add(Jsonb("results", JsonSerializer.Serialize(results.ToArray(), BatchJsonContext.Default.SingleArrayArray)));
            await complete.ExecuteNonQueryAsync(cancellationToken);
        }

        await usageLedger.RecordAsync(tenantId, UsageOperation, 1, tokens, UsageIdempotencyKey(jobId), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Ends a failed attempt of a job this worker owns: back to queued, due after <paramref name="retryDelay"/>,
    /// or failed for good when its attempts reached its maximum. The error is kept as <c>last_error</c>.
    /// </summary>
    /// <returns>False when this worker no longer owns the job; nothing is written then.</returns>
    public Task<bool> FailAttemptAsync(
        Guid jobId, string workerId, string error, TimeSpan retryDelay, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryDelay, TimeSpan.Zero);
        return EndFailedAttemptAsync(jobId, workerId, error, retryDelay, forGood: false, cancellationToken);
    }

    /// <summary>
    /// Fails a job this worker owns for good, whatever attempts it has left: for errors in the job itself (a text
    /// the model cannot read) that every attempt would meet again. The error is kept as <c>last_error</c>.
    /// </summary>
    /// <returns>False when this worker no longer owns the job; nothing is written then.</returns>
    public Task<bool> FailForGoodAsync(Guid jobId, string workerId, string error, CancellationToken cancellationToken) =>
        EndFailedAttemptAsync(jobId, workerId, error, TimeSpan.Zero, forGood: true, cancellationToken);

    private async Task<bool> EndFailedAttemptAsync(
        Guid jobId, string workerId, string error, TimeSpan retryDelay, bool forGood, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentNullException.ThrowIfNull(error);

        await using var command = dataSource.CreateCommand("""
            UPDATE batch_jobs
            SET status = CASE WHEN @for_good OR attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
                next_attempt_at = CASE WHEN @for_good OR attempts >= max_attempts THEN next_attempt_at ELSE now() + @retry_delay END,
                completed_at = CASE WHEN @for_good OR attempts >= max_attempts THEN now() END,
                last_error = @error, lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
            WHERE id = @id AND status = 'running' AND lease_owner = @worker_id
            """);
        command.Parameters.AddWithValue("id", jobId);
        command.Parameters.AddWithValue("worker_id", workerId);
        command.Parameters.AddWithValue("error", Bounded(error));
        command.Parameters.AddWithValue("retry_delay", retryDelay);
        command.Parameters.AddWithValue("for_good", forGood);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Gives a job this worker owns back to the queue without counting the attempt: attempts return to their value
    /// before the claim, the lease is cleared and the job is due after <paramref name="delay"/>. For attempts that
    /// ended through no fault of the job (inference or the database unavailable, the worker shutting down), so a job
    /// at its last allowed attempt is not failed for them.
    /// </summary>
    /// <param name="jobId">The job.</param>
    /// <param name="workerId">The worker that claimed it.</param>
    /// <param name="delay">How long until the job may be claimed again; zero for at once.</param>
    /// <param name="error">Kept as <c>last_error</c> (one of <see cref="BatchJobErrors"/>); null keeps the previous one.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>False when this worker no longer owns the job; nothing is written then.</returns>
    public async Task<bool> ReleaseAsync(
        Guid jobId, string workerId, TimeSpan delay, string? error, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);

        await using var command = dataSource.CreateCommand("""
            UPDATE batch_jobs
            SET status = 'queued', attempts = greatest(attempts - 1, 0), next_attempt_at = now() + @delay,
                last_error = coalesce(@error, last_error), lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
            WHERE id = @id AND status = 'running' AND lease_owner = @worker_id
            """);
        command.Parameters.AddWithValue("id", jobId);
        command.Parameters.AddWithValue("worker_id", workerId);
        command.Parameters.AddWithValue("delay", delay);
        command.Parameters.Add(new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = error is null ? DBNull.Value : Bounded(error) });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static void AddInsertParameters(
        NpgsqlCommand command, Guid tenantId, string model, IReadOnlyList<string> inputs, int maxAttempts, string? traceParent)
    {
        command.Parameters.AddWithValue("id", Guid.CreateVersion7());
        command.Parameters.AddWithValue("tenant_id", tenantId);
        command.Parameters.AddWithValue("model", model);
        command.Parameters.Add(Jsonb("inputs", JsonSerializer.Serialize(inputs.ToArray(), BatchJsonContext.Default.StringArray)));
        command.Parameters.AddWithValue("input_count", inputs.Count);
        command.Parameters.AddWithValue("max_attempts", maxAttempts);
        command.Parameters.Add(new NpgsqlParameter("trace_parent", NpgsqlDbType.Text) { Value = (object?)traceParent ?? DBNull.Value });
    }

    private static string Bounded(string error) => error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];

    private static NpgsqlParameter Jsonb(string name, string json) => new(name, NpgsqlDbType.Jsonb) { Value = json };

    private static async Task<BatchJob?> ReadSingleAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new BatchJob(
            Id: reader.GetGuid(0),
            TenantId: reader.GetGuid(1),
            Model: reader.GetString(2),
            Inputs: reader.IsDBNull(3) ? [] : JsonSerializer.Deserialize(reader.GetString(3), BatchJsonContext.Default.StringArray) ?? [],
            Status: reader.GetString(4),
            Attempts: reader.GetInt32(5),
            MaxAttempts: reader.GetInt32(6),
            CreatedAt: reader.GetFieldValue<DateTimeOffset>(7),
            CompletedAt: reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
            LastError: reader.IsDBNull(9) ? null : reader.GetString(9),
            Results: reader.IsDBNull(10) ? null : JsonSerializer.Deserialize(reader.GetString(10), BatchJsonContext.Default.SingleArrayArray),
            TraceParent: reader.IsDBNull(11) ? null : reader.GetString(11),
            InputCount: reader.GetInt32(12),
            ExpiredAt: reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13));
    }
}
