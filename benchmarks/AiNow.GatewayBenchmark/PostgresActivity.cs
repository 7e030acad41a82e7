using Npgsql;

namespace AiNow.GatewayBenchmark;

/// <summary>
/// Transactions committed in the platform's database, rows written and scans (reads) per table, from PostgreSQL's own statistics:
/// the difference over a case says what the store did per request.
/// </summary>
internal sealed record PostgresActivity(long Commits, IReadOnlyDictionary<string, long> RowsWrittenByTable, IReadOnlyDictionary<string, long> ScansByTable)
{
    // A backend reports its counters at most once a second while busy, and within a second of going idle.
    public static readonly TimeSpan ReportingDelay = TimeSpan.FromSeconds(1.5);

    public static async Task<PostgresActivity> SampleAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        long commits;
        await using (var command = new NpgsqlCommand("select xact_commit from pg_stat_database where datname = current_database()", connection))
        {
            commits = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        var scans = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            "select relname, n_tup_ins + n_tup_upd + n_tup_del, coalesce(seq_scan, 0) + coalesce(idx_scan, 0) from pg_stat_user_tables", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows[reader.GetString(0)] = reader.GetInt64(1);
                scans[reader.GetString(0)] = reader.GetInt64(2);
            }
        }

        return new PostgresActivity(commits, rows, scans);
    }

    // The earlier sample's own two statements are counted in between; they are not the platform's.
    public PostgresActivity Since(PostgresActivity earlier) => new(
        Commits - earlier.Commits - 2,
        Difference(RowsWrittenByTable, earlier.RowsWrittenByTable),
        Difference(ScansByTable, earlier.ScansByTable));

    private static Dictionary<string, long> Difference(IReadOnlyDictionary<string, long> later, IReadOnlyDictionary<string, long> earlier) =>
        later.ToDictionary(table => table.Key, table => table.Value - earlier.GetValueOrDefault(table.Key));
}
