using System.Net.Sockets;
using AiNow.Data;
using Npgsql;

namespace AiNow.Migrations;

/// <summary>
/// Runs <see cref="SchemaMigrator.ApplyAsync"/> once, retrying while the database is still starting, then stops
/// the host. The exit code tells the orchestrator the outcome: 0 applied or already current, 1 failed.
/// </summary>
internal sealed partial class SchemaMigrationRunner(
    SchemaMigrator migrator,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<SchemaMigrationRunner> logger) : BackgroundService
{
    // The database container usually accepts connections within seconds; a minute covers a cold image pull
    // of nothing but a slow start, and still fails fast enough for an operator to notice.
    internal static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);
    internal static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            Environment.ExitCode = await MigrateAsync(stoppingToken) ? 0 : 1;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    private async Task<bool> MigrateAsync(CancellationToken stoppingToken)
    {
        var started = timeProvider.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var applied = await migrator.ApplyAsync(stoppingToken);
                if (applied.Count == 0)
                {
                    LogAlreadyCurrent(logger);
                }
                else
                {
                    var names = string.Join(", ", applied.Select(m => $"{m.Version:D4}_{m.Name}"));
                    LogApplied(logger, applied.Count, names);
                }

                return true;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                LogCancelled(logger);
                return false;
            }
            catch (Exception exception) when (IsDatabaseNotReady(exception))
            {
                var waited = timeProvider.GetElapsedTime(started);
                if (waited + RetryDelay > MaxWait)
                {
                    LogGaveUp(logger, exception, waited.TotalSeconds, attempt);
                    return false;
                }

                LogNotReady(logger, attempt, exception.Message, RetryDelay.TotalSeconds);
                try
                {
                    await Task.Delay(RetryDelay, timeProvider, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    LogCancelled(logger);
                    return false;
                }
            }
            catch (Exception exception)
            {
                LogFailed(logger, exception, exception.Message);
                return false;
            }
        }
    }

    /// <summary>True for errors that mean "not reachable yet" rather than "the migration is wrong".</summary>
    internal static bool IsDatabaseNotReady(Exception exception) => exception switch
    {
        // 3D000: the database is created just after the server starts; 57P03: the server is starting up.
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.CannotConnectNow,
        NpgsqlException npgsql => npgsql.IsTransient,
        SocketException or TimeoutException => true,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is already current; nothing to apply.")]
    private static partial void LogAlreadyCurrent(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} schema migration(s): {Migrations}.")]
    private static partial void LogApplied(ILogger logger, int count, string migrations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not reachable yet (attempt {Attempt}): {Reason}. Retrying in {DelaySeconds} s.")]
    private static partial void LogNotReady(ILogger logger, int attempt, string reason, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Database still not reachable after {WaitedSeconds:F0} s and {Attempts} attempts; schema NOT applied. Check that the 'ainowdb' database is running and ConnectionStrings:ainowdb is correct.")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, double waitedSeconds, int attempts);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Schema migration failed; schema NOT applied: {Reason}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schema migration cancelled because the host is stopping; schema may be incomplete.")]
    private static partial void LogCancelled(ILogger logger);
}
