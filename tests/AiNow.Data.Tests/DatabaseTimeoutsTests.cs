using Npgsql;

namespace AiNow.Data.Tests;

public sealed class DatabaseTimeoutsTests
{
    [Fact]
    public void ApplyTo_ConnectionStringWithoutTimeouts_SetsAllThree()
    {
        var connection = new NpgsqlConnectionStringBuilder("Host=db;Username=u;Password=p");

        DatabaseTimeouts.RequestPath.ApplyTo(connection);

        Assert.Equal((3, 3, 1000), (connection.Timeout, connection.CommandTimeout, connection.CancellationTimeout));
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
