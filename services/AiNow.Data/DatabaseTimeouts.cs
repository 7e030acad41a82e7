using System.Data.Common;
using Npgsql;

namespace AiNow.Data;

/// <summary>
/// How long a service waits on PostgreSQL before it gives up. Npgsql's defaults (15 s to connect, 30 s per
/// command) let a stalled server hold a client request for most of a minute; a service on the request path
/// should answer 503 within seconds instead, so it sets these. A value the connection string sets itself
/// (<c>Timeout</c>, <c>Command Timeout</c>, <c>Cancellation Timeout</c>) is the operator's choice and is kept.
/// </summary>
/// <param name="ConnectSeconds">Seconds to open a connection (or wait for one from a full pool).</param>
/// <param name="CommandSeconds">Seconds a command may run before it is cancelled.</param>
/// <param name="CancellationMilliseconds">
/// How long a timed-out command waits for the server to confirm the cancellation before the connection is
/// dropped; a stalled server never confirms, so this adds to <paramref name="CommandSeconds"/> in the worst case.
/// </param>
public sealed record DatabaseTimeouts(int ConnectSeconds, int CommandSeconds, int CancellationMilliseconds)
{
    /// <summary>For a client request: the worst case (3 s + 1 s) stays under the 5 s a client may wait for a 503.</summary>
    public static readonly DatabaseTimeouts RequestPath = new(ConnectSeconds: 3, CommandSeconds: 3, CancellationMilliseconds: 1000);

    /// <summary>For background work that writes larger rows (a batch job's results): generous, still bounded.</summary>
    public static readonly DatabaseTimeouts Background = new(ConnectSeconds: 5, CommandSeconds: 30, CancellationMilliseconds: 2000);

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
