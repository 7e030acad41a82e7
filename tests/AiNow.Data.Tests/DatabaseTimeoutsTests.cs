using System.Diagnostics;
using AiNow.Testing;
using Npgsql;

namespace AiNow.Data.Tests;

public sealed class DatabaseTimeoutsTests
{
    [Fact]
    public void ApplyTo_ConnectionStringWithoutTimeouts_SetsAllThree()
    {
        var connection = new NpgsqlConnectionStringBuilder("Host=db;Username=u;Password=p");

        DatabaseTimeouts.RequestPath.ApplyTo(connection);

        Assert.Equal(
            (DatabaseTimeouts.RequestPath.ConnectSeconds, DatabaseTimeouts.RequestPath.CommandSeconds, DatabaseTimeouts.RequestPath.CancellationMilliseconds),
            (connection.Timeout, connection.CommandTimeout, connection.CancellationTimeout));
        Assert.NotEqual(new NpgsqlConnectionStringBuilder().CommandTimeout, connection.CommandTimeout);
    }

    [Theory]
    [InlineData("Host=db;Command Timeout=45;Timeout=20;Cancellation Timeout=5000")]
    [InlineData("Host=db;CommandTimeout=45;timeout=20;CancellationTimeout=5000")]
    public void ApplyTo_TimeoutsTheOperatorSet_AreKept(string connectionString)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);

        DatabaseTimeouts.RequestPath.ApplyTo(connection);

        Assert.Equal((20, 45, 5000), (connection.Timeout, connection.CommandTimeout, connection.CancellationTimeout));
    }
}

/// <summary>
/// The request path's promise against a hung PostgreSQL (SIGSTOP of the server and its backends), on a real server:
/// a call fails within 5 s, whether it has a pooled connection (the slow case: the timeout's cancellation request
/// waits on the hung server too) or must open one.
/// </summary>
public sealed class HungServerTimeoutsTests : IAsyncLifetime
{
    private static readonly TimeSpan ClientPatience = TimeSpan.FromSeconds(5);

    private readonly TemporaryPostgres _postgres = new();
    private NpgsqlDataSource? _dataSource;

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        var connection = new NpgsqlConnectionStringBuilder(_postgres.ConnectionString);
        connection.Remove("Timeout");
        DatabaseTimeouts.RequestPath.ApplyTo(connection);
        _dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task Command_OnPooledConnectionToHungServer_FailsWithinTheWorstCase()
    {
        Assert.Equal(1, await ScalarAsync());

        var elapsed = await FailingCallAsync(async () =>
        {
            await using var connection = await _dataSource!.OpenConnectionAsync();
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync();
        });

        Assert.True(elapsed >= TimeSpan.FromSeconds(DatabaseTimeouts.RequestPath.CommandSeconds), $"Failed after {elapsed}, before the command timeout.");
        Assert.True(elapsed < ClientPatience, $"A pooled command against a hung server failed only after {elapsed.TotalSeconds:0.0} s.");
    }

    [Fact]
    public async Task Open_AgainstHungServer_FailsWithinTheConnectTimeoutAndRecovers()
    {
        var elapsed = await FailingCallAsync(async () =>
        {
            await using var connection = await _dataSource!.OpenConnectionAsync();
        });

        Assert.True(elapsed < ClientPatience, $"Opening a connection to a hung server failed only after {elapsed.TotalSeconds:0.0} s.");
        Assert.Equal(1, await ScalarAsync());
    }

    private async Task<TimeSpan> FailingCallAsync(Func<Task> call)
    {
        var clock = Stopwatch.StartNew();
        using (_postgres.Freeze())
        {
            await Assert.ThrowsAnyAsync<NpgsqlException>(call);
        }

        return clock.Elapsed;
    }

    private async Task<int> ScalarAsync()
    {
        await using var command = _dataSource!.CreateCommand("SELECT 1");
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
