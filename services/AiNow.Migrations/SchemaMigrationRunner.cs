using System.Net.Sockets;
using AiNow.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiNow.Migrations;

/// <summary>
/// Runs <see cref="SchemaMigrator.ApplyAsync"/> and, when <c>Migrations:RuntimeRole</c> is set,
/// <see cref="RuntimeRoleGrants.ApplyAsync"/> once, retrying while the database is still starting, then stops
/// the host. The exit code tells the orchestrator the outcome: 0 applied or already current, 1 failed.
/// </summary>
internal sealed partial class SchemaMigrationRunner(
    SchemaMigrator migrator,
    RuntimeRoleGrants runtimeRoleGrants,
    IOptions<MigrationsOptions> options,
    NpgsqlDataSource dataSource,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<SchemaMigrationRunner> logger) : BackgroundService
{
    // The database container usually accepts connections within seconds; a minute covers a cold image pull
    // of nothing but a slow start, and still fails fast enough for an operator to notice.
    internal static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);
    internal static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private static readonly string s_schemas = string.Join(", ", RuntimeRoleGrants.Schemas);

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

    /// <summary>Applies the schema and the runtime role; true on success. Never throws for a database failure.</summary>
    internal async Task<bool> MigrateAsync(CancellationToken stoppingToken)
    {
        var started = timeProvider.GetTimestamp();
        var schemaCurrent = false;
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

                schemaCurrent = true;
                if (options.Value.RuntimeRole is { Length: > 0 } role)
                {
                    var outcome = await runtimeRoleGrants.ApplyAsync(role, options.Value.RuntimeRolePassword!, stoppingToken)
                        ? "created"
                        : "updated";
                    LogRuntimeRole(logger, role, outcome, s_schemas);
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
                    if (exception is PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName })
                    {
                        LogDatabaseMissing(logger, DatabaseName, waited.TotalSeconds);
                    }
                    else
                    {
                        LogGaveUp(logger, exception, waited.TotalSeconds, attempt);
                    }

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
            catch (Exception exception) when (schemaCurrent)
            {
                LogRuntimeRoleFailed(logger, exception, options.Value.RuntimeRole!, exception.Message);
                return false;
            }
            catch (Exception exception)
            {
                LogFailed(logger, exception, exception.Message);
                return false;
            }
        }
    }

    private string DatabaseName => new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database ?? "(none)";

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Runtime role {Role} {Outcome}: login and password set; SELECT, INSERT, UPDATE, DELETE granted on the tables and USAGE, SELECT on the sequences of schema(s) {Schemas}, now and for later migrations.")]
    private static partial void LogRuntimeRole(ILogger logger, string role, string outcome, string schemas);

    // 3D000 is retried like "not ready" (a database can appear just after its server), but when it outlasts the
    // wait the cause is not the network: nobody created the database, and the migrator does not create databases.
    [LoggerMessage(Level = LogLevel.Critical, Message = "Database '{Database}' does not exist (still missing after {WaitedSeconds:F0} s); schema NOT applied. The migrator does not create databases: the database store must. In-cluster PostgreSQL creates it from POSTGRES_DB; a managed server gets it from its infrastructure (Terraform). Create the database '{Database}', or point ConnectionStrings:ainowdb at the database that exists.")]
    private static partial void LogDatabaseMissing(ILogger logger, string database, double waitedSeconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Schema is current, but runtime role {Role} could NOT be set up: {Reason}. The migrator's role needs CREATEROLE (or superuser) and ownership of the schema.")]
    private static partial void LogRuntimeRoleFailed(ILogger logger, Exception exception, string role, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Schema migration failed; schema NOT applied: {Reason}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schema migration cancelled because the host is stopping; schema may be incomplete.")]
    private static partial void LogCancelled(ILogger logger);
}
