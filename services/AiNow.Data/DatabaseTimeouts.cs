using System.Data.Common;
using Npgsql;

namespace AiNow.Data;

/// <summary>
/// How long a service waits on PostgreSQL before it gives up. Npgsql's defaults (15 s to connect, 30 s per
/// command) let a stalled server hold a client request for most of a minute; a service on the request path
/// should answer 503 within seconds instead, so it sets these. A value the connection string sets itself
/// (<c>Timeout</c>, <c>Command Timeout</c>, <c>Cancellation Timeout</c>) is the operator's choice and is kept.
/// </summary>
/// <remarks>
/// Against a hung server (accepting bytes, never answering) a command on a pooled connection fails only after
/// <c>CommandSeconds + 2 × ConnectSeconds</c>, not after the command timeout: on the timeout Npgsql sends a
/// cancellation request over a new connection, and opening it (TLS negotiation, then the request itself) waits
/// out the connect timeout twice before the connection is broken. Measured with Npgsql 10 against a PostgreSQL
/// stopped with SIGSTOP: 3 s/3 s gave 9.0 s, 1 s/2 s gave 4.0 s. <see cref="CancellationMilliseconds"/> only
/// matters when the server is alive enough to confirm the cancellation.
/// </remarks>
/// <param name="ConnectSeconds">Seconds to open a connection (or wait for one from a full pool).</param>
/// <param name="CommandSeconds">Seconds a command may run before it is cancelled.</param>
/// <param name="CancellationMilliseconds">How long a cancelled command waits for the server to confirm the cancellation.</param>
public sealed record DatabaseTimeouts(int ConnectSeconds, int CommandSeconds, int CancellationMilliseconds)
{
    /// <summary>
    /// For a client request: the worst case against a hung server (2 s + 2 × 1 s = 4 s, see the remarks) stays
    /// under the 5 s a client may wait for a 503. One second to connect is ample inside a cluster or VPC (a TLS
    /// and SCRAM handshake takes milliseconds) and also bounds the wait for a free pooled connection, which on a
    /// request path is better refused quickly than queued.
    /// </summary>
    public static readonly DatabaseTimeouts RequestPath = new(ConnectSeconds: 1, CommandSeconds: 2, CancellationMilliseconds: 1000);

    /// <summary>For background work that writes larger rows (a batch job's results): generous, still bounded.</summary>
    public static readonly DatabaseTimeouts Background = new(ConnectSeconds: 5, CommandSeconds: 30, CancellationMilliseconds: 2000);

    /// <summary>The longest a command on a pooled connection takes to fail against a hung server (see the remarks).</summary>
    public TimeSpan WorstCaseAgainstHungServer => TimeSpan.FromSeconds(CommandSeconds + (2 * ConnectSeconds));

    /// <summary>Sets each timeout the connection string leaves unset.</summary>
    public void ApplyTo(NpgsqlConnectionStringBuilder connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        // The Npgsql builder reports every keyword as present; a plain builder holds only what the string gives.
        var given = new DbConnectionStringBuilder { ConnectionString = connection.ConnectionString };
        if (!IsGiven(given, "Timeout"))
        {
            connection.Timeout = ConnectSeconds;
        }

        if (!IsGiven(given, "Command Timeout", "CommandTimeout"))
        {
            connection.CommandTimeout = CommandSeconds;
        }

        if (!IsGiven(given, "Cancellation Timeout", "CancellationTimeout"))
        {
            connection.CancellationTimeout = CancellationMilliseconds;
        }
    }

    private static bool IsGiven(DbConnectionStringBuilder given, params string[] keywords) => keywords.Any(given.ContainsKey);
}
