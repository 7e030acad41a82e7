using Npgsql;

namespace AiNow.Data;

/// <summary>
/// Drops the inputs and results of batch jobs that finished longer ago than the retention period. The job row stays
/// (status, input count, error code, timestamps) with <c>expired_at</c> set, so the api can answer that the results
/// expired rather than that the job never existed. Usage rows are never touched: billing outlives the data.
/// </summary>
public sealed class BatchJobRetention(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Expires at most <paramref name="limit"/> jobs that succeeded or failed before <paramref name="now"/> minus
    /// <paramref name="retention"/>, oldest first. Rows another transaction holds are skipped, so replicas sweeping at
    /// the same moment share the work instead of waiting on each other.
    /// </summary>
    /// <param name="now">The current time (from the caller's clock, so tests can move it).</param>
    /// <param name="retention">How long a finished job's inputs and results are kept.</param>
    /// <param name="limit">Most jobs to expire in this call; keeps each statement short.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    /// <returns>How many jobs were expired; fewer than <paramref name="limit"/> means none is left.</returns>
    public async Task<int> ExpireFinishedAsync(DateTimeOffset now, TimeSpan retention, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retention, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);

        await using var command = dataSource.CreateCommand("""
            UPDATE batch_jobs
            SET inputs = NULL, results = NULL, expired_at = @now, updated_at = @now
            WHERE id IN (
                SELECT id FROM batch_jobs
                WHERE status IN ('succeeded', 'failed') AND expired_at IS NULL AND completed_at < @cutoff
                ORDER BY completed_at
                LIMIT @limit
                FOR UPDATE SKIP LOCKED)
            """);
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        command.Parameters.AddWithValue("cutoff", (now - retention).ToUniversalTime());
        command.Parameters.AddWithValue("limit", limit);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
