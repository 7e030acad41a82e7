using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Npgsql;
using Xunit;

namespace AiNow.Testing;

/// <summary>
/// A throwaway PostgreSQL server (the machine's newest) for database tests: a fresh cluster in a temporary directory, listening on
/// 127.0.0.1 on a free port, stopped and deleted on dispose. Tests get their own database from
/// <see cref="CreateDatabaseAsync"/> so they never see each other's rows.
/// </summary>
/// <remarks>
/// The <c>postgres</c> superuser connects without a password; any other role needs its password (SCRAM).
/// PostgreSQL refuses to run as root, so when the tests run as root the server binaries run as the
/// <c>postgres</c> user through <c>setpriv</c> and the temporary directory is handed to that user.
/// Set <c>AINOW_PG_BIN</c> to use binaries from another directory.
/// </remarks>
public sealed class TemporaryPostgres : IAsyncLifetime
{
    private const string SystemUser = "postgres";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    // The same search as the AppHost's processes mode: PATH, pg_config, the newest /usr/lib/postgresql/*/bin.
    private readonly string _binDirectory =
        Environment.GetEnvironmentVariable("AINOW_PG_BIN") is { Length: > 0 } bin ? bin : AiNow.AppHost.LocalInfrastructure.PostgresBinaries.Find() ?? "(none found)";
    private readonly bool _runAsPostgresUser = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
    private readonly ConcurrentQueue<string> _serverOutput = new();
    private string? _rootDirectory;
    private Process? _server;
    private int _databaseCounter;

    /// <summary>Connection string of the server's <c>postgres</c> database (superuser, trust authentication).</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The TCP port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"test_{Interlocked.Increment(ref _databaseCounter)}_{Guid.NewGuid():N}");
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Freezes the server and its backends (SIGSTOP) until the result is disposed: a hung database.</summary>
    public ProcessStall Freeze() =>
        _server is { HasExited: false } server
            ? ProcessStall.Freeze(server.Id)
            : throw new InvalidOperationException("The server is not running; start it (InitializeAsync) before freezing it.");

    /// <summary>Initialises a cluster, starts the server and waits until it accepts connections.</summary>
    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose initialisation failed; leave no server or directory behind.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        if (!File.Exists(Path.Combine(_binDirectory, "postgres")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL server binaries were not found ('{_binDirectory}'). Install the server (apt-get install postgresql) " +
                "or set AINOW_PG_BIN to a directory holding initdb, postgres and pg_ctl.");
        }

        _rootDirectory = Directory.CreateTempSubdirectory("ainow-pg-").FullName;
        var dataDirectory = Path.Combine(_rootDirectory, "data");
        if (_runAsPostgresUser)
        {
            await RunToEndAsync("chown", ["-R", $"{SystemUser}:{SystemUser}", _rootDirectory], asPostgresUser: false);
        }

        await RunToEndAsync(
            Path.Combine(_binDirectory, "initdb"),
            ["-D", dataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync", "--no-instructions"],
            _runAsPostgresUser);

        // The superuser keeps trust (the tests connect as it without a password); every other role must log in with
        // its SCRAM password, so the runtime-role tests prove a password works and a rotated-out one does not.
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "pg_hba.conf"), """
            local all all trust
            host all postgres 127.0.0.1/32 trust
            host all all 127.0.0.1/32 scram-sha-256
            """);

        Port = LoopbackPorts.Free();
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = "postgres",
            Timeout = 5,
        }.ConnectionString;

        _server = Start(
            Path.Combine(_binDirectory, "postgres"),
            [
                "-D", dataDirectory, "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", _rootDirectory,
                // Durability is pointless for a throwaway server; skipping it makes tests faster.
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "max_connections=200",
            ],
            _runAsPostgresUser);

        await WaitUntilReadyAsync();
    }

    /// <summary>Stops the server immediately and deletes its directory.</summary>
    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_server is not null)
        {
            if (!_server.HasExited && _rootDirectory is not null)
            {
                try
                {
                    await RunToEndAsync(
                        Path.Combine(_binDirectory, "pg_ctl"),
                        ["stop", "-D", Path.Combine(_rootDirectory, "data"), "-m", "immediate", "-w"],
                        _runAsPostgresUser);
                }
                catch (InvalidOperationException)
                {
                    // pg_ctl failed; the kill below still ends the server.
                }
            }

            if (!_server.HasExited)
            {
                _server.Kill(entireProcessTree: true);
            }

            await _server.WaitForExitAsync();
            _server.Dispose();
        }

        if (_rootDirectory is not null && Directory.Exists(_rootDirectory))
        {
            Directory.Delete(_rootDirectory, recursive: true);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_server!.HasExited)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL exited with code {_server.ExitCode} while starting:\n{string.Join('\n', _serverOutput)}");
            }

            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString);
                await connection.OpenAsync();
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or SocketException or TimeoutException)
            {
                if (deadline.Elapsed > StartupTimeout)
                {
                    throw new TimeoutException(
                        $"PostgreSQL did not accept connections on port {Port} within {StartupTimeout.TotalSeconds} s:\n{string.Join('\n', _serverOutput)}",
                        exception);
                }

                await Task.Delay(100);
            }
        }
    }

    private Process Start(string fileName, IReadOnlyList<string> arguments, bool asPostgresUser)
    {
        var startInfo = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The postgres user may not be able to enter the current directory (for example /root).
            WorkingDirectory = _rootDirectory,
        };
        if (asPostgresUser)
        {
            startInfo.FileName = "setpriv";
            foreach (var argument in (string[])[$"--reuid={SystemUser}", $"--regid={SystemUser}", "--init-groups", "--", fileName])
            {
                startInfo.ArgumentList.Add(argument);
            }
        }
        else
        {
            startInfo.FileName = fileName;
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) => Collect(line.Data);
        process.ErrorDataReceived += (_, line) => Collect(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task RunToEndAsync(string fileName, IReadOnlyList<string> arguments, bool asPostgresUser)
    {
        using var process = Start(fileName, arguments, asPostgresUser);
        using var timeout = new CancellationTokenSource(StartupTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} did not finish within {StartupTimeout.TotalSeconds} s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{string.Join('\n', _serverOutput)}");
        }
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        _serverOutput.Enqueue(line);
        // Only the recent output matters for diagnosing a failure.
        while (_serverOutput.Count > 200 && _serverOutput.TryDequeue(out _))
        {
        }
    }
}
