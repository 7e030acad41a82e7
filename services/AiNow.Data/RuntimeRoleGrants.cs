using System.Text.RegularExpressions;
using Npgsql;

namespace AiNow.Data;

/// <summary>
/// Creates or updates the login role the api and worker connect as, with only what their stores need:
/// CONNECT on the database, USAGE on the schema, SELECT/INSERT/UPDATE/DELETE on the tables, USAGE/SELECT on
/// the sequences, and the same on tables and sequences later migrations create. No DDL, no TRUNCATE, no
/// write to <c>schema_migrations</c>; the schema stays owned by the role that runs the migrator.
/// </summary>
/// <remarks>
/// The stores run plain DML, <c>FOR UPDATE SKIP LOCKED</c> and <c>INSERT ... ON CONFLICT</c>, which need nothing
/// beyond these grants. Everything runs in one transaction under the migrator's advisory lock, so it is idempotent
/// and safe to run from several migrator pods at once: every release runs it, and running it with a new
/// password rotates the password.
/// </remarks>
public sealed partial class RuntimeRoleGrants(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The schemas the <c>Schema/*.sql</c> scripts create tables in. A script that creates a schema adds it here;
    /// <c>RuntimeRoleGrantsTests</c> fails until it does.
    /// </summary>
    public static readonly IReadOnlyList<string> Schemas = ["public"];

    /// <summary>The migrations' own history: the runtime role may read it, never change it.</summary>
    private const string HistoryTable = "public.schema_migrations";

    private const int MaxIdentifierLength = 63;
    private const int MinPasswordLength = 16;

    // Names PostgreSQL reserves or treats as keywords in role positions.
    private static readonly HashSet<string> s_reservedNames = new(StringComparer.Ordinal)
    {
        "public", "none", "current_role", "current_user", "session_user", "all",
    };

    /// <summary>
    /// Why <paramref name="roleName"/> cannot be the runtime role, or null when it can: it must be a plain SQL
    /// identifier (lower-case letters, digits, underscores, not starting with a digit, at most 63 characters),
    /// not start with <c>pg_</c> and not be a reserved name.
    /// </summary>
    public static string? ValidateRoleName(string? roleName)
    {
        if (string.IsNullOrEmpty(roleName))
        {
            return "is empty";
        }

        if (roleName.Length > MaxIdentifierLength || !PlainIdentifier().IsMatch(roleName))
        {
            return $"is '{roleName}', which is not a plain SQL identifier (lower-case letters, digits and underscores, " +
                $"not starting with a digit, at most {MaxIdentifierLength} characters)";
        }

        if (roleName.StartsWith("pg_", StringComparison.Ordinal) || s_reservedNames.Contains(roleName))
        {
            return $"is '{roleName}', a name PostgreSQL reserves";
        }

        return null;
    }

    /// <summary>Why <paramref name="password"/> cannot be the runtime role's password, or null when it can. Never contains the password.</summary>
    public static string? ValidatePassword(string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength)
        {
            return $"must hold at least {MinPasswordLength} characters (it has {password?.Length ?? 0})";
        }

        // Printable ASCII hashes the same with or without SASLprep, so every client logs in with it (see ScramVerifier).
        var position = password.AsSpan().IndexOfAnyExceptInRange(' ', '~');
        return position < 0
            ? null
            : $"holds a character that is not printable ASCII (at position {position + 1})";
    }

    /// <summary>
    /// Creates <paramref name="roleName"/> if missing (LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT
    /// NOREPLICATION NOBYPASSRLS), sets its password, and grants exactly the runtime privileges.
    /// </summary>
    /// <returns>True when the role was created, false when it existed and was updated.</returns>
    /// <exception cref="ArgumentException">The name or password is not acceptable (<see cref="ValidateRoleName"/>, <see cref="ValidatePassword"/>).</exception>
    /// <exception cref="InvalidOperationException">
    /// The role is the one the migrator connects as, or exists with an attribute a runtime role must not have.
    /// </exception>
    public async Task<bool> ApplyAsync(string roleName, string password, CancellationToken cancellationToken)
    {
        if (ValidateRoleName(roleName) is { } nameProblem)
        {
            throw new ArgumentException($"The runtime role name {nameProblem}.", nameof(roleName));
        }

        if (ValidatePassword(password) is { } passwordProblem)
        {
            throw new ArgumentException($"The runtime role's password {passwordProblem}.", nameof(password));
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var sql = new FormattedSql(connection, transaction, cancellationToken);

        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            command.Parameters.AddWithValue("key", SchemaMigrator.AdvisoryLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var created = await EnsureRoleAsync(sql, connection, transaction, roleName, cancellationToken);
        await SetPasswordAsync(connection, transaction, roleName, password, cancellationToken);
        await GrantAsync(sql, roleName);

        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    private static async Task<bool> EnsureRoleAsync(
        FormattedSql sql, NpgsqlConnection connection, NpgsqlTransaction transaction, string roleName, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT current_user, current_database(), r.rolsuper, r.rolreplication, r.rolbypassrls
            FROM (SELECT 1) one LEFT JOIN pg_roles r ON r.rolname = @role
            """, connection, transaction);
        command.Parameters.AddWithValue("role", roleName);

        string currentUser;
        bool? unsafeAttributes;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            currentUser = reader.GetString(0);
            sql.Database = reader.GetString(1);
            unsafeAttributes = reader.IsDBNull(2) ? null : reader.GetBoolean(2) || reader.GetBoolean(3) || reader.GetBoolean(4);
        }

        if (string.Equals(currentUser, roleName, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The runtime role '{roleName}' is the role the migrator itself connects as (the schema owner). " +
                "Give the runtime role its own name (Migrations:RuntimeRole), e.g. 'ainow_app'.");
        }

        if (unsafeAttributes is null)
        {
            await sql.ExecuteAsync(
                "CREATE ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS", roleName);
            return true;
        }

        if (unsafeAttributes.Value)
        {
            // Removing SUPERUSER, REPLICATION or BYPASSRLS takes a superuser and would change a role someone made on purpose.
            throw new InvalidOperationException(
                $"The runtime role '{roleName}' already exists with SUPERUSER, REPLICATION or BYPASSRLS, which a runtime role must not have. " +
                "Choose another name in Migrations:RuntimeRole, or have a database administrator drop or alter that role.");
        }

        await sql.ExecuteAsync("ALTER ROLE %I WITH LOGIN NOCREATEDB NOCREATEROLE NOINHERIT", roleName);
        return false;
    }

    private static async Task SetPasswordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string roleName, string password, CancellationToken cancellationToken)
    {
        // The statement text (which traces and server statement logs record) holds neither password nor verifier:
        // both travel as parameters into transaction-local settings that a DO block reads.
        await using (var command = new NpgsqlCommand(
            "SELECT set_config('ainow.runtime_role', @role, true), set_config('ainow.runtime_role_verifier', @verifier, true)",
            connection, transaction))
        {
            command.Parameters.AddWithValue("role", roleName);
            command.Parameters.AddWithValue("verifier", ScramVerifier.Create(password));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await AlterPasswordAsync(connection, transaction, cancellationToken);
        }
        catch (PostgresException exception)
        {
            // The error's context (Where, InternalQuery) repeats the ALTER ROLE statement with the verifier in it;
            // keep only the code and the message, which never do.
            throw new InvalidOperationException(
                $"Setting the password of role '{roleName}' failed: {exception.SqlState}: {exception.MessageText}");
        }
    }

    private static async Task AlterPasswordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            DO $$
            BEGIN
                EXECUTE format('ALTER ROLE %I WITH PASSWORD %L',
                    current_setting('ainow.runtime_role'), current_setting('ainow.runtime_role_verifier'));
                PERFORM set_config('ainow.runtime_role_verifier', '', true);
            END
            $$
            """, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task GrantAsync(FormattedSql sql, string roleName)
    {
        await sql.ExecuteAsync("GRANT CONNECT ON DATABASE %I TO %I", sql.Database, roleName);
        foreach (var schema in Schemas)
        {
            await sql.ExecuteAsync("GRANT USAGE ON SCHEMA %I TO %I", schema, roleName);

            // Revoke first so the result is exactly these grants, whatever an earlier release or a person granted.
            await sql.ExecuteAsync("REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I", schema, roleName);
            await sql.ExecuteAsync("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I", schema, roleName);
            await sql.ExecuteAsync("REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM %I", schema, roleName);
            await sql.ExecuteAsync("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I", schema, roleName);

            // Tables and sequences the migrator's role creates in later releases are covered the moment they exist.
            await sql.ExecuteAsync(
                "ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I", schema, roleName);
            await sql.ExecuteAsync("ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO %I", schema, roleName);
        }

        await sql.ExecuteAsync($"REVOKE INSERT, UPDATE, DELETE ON {HistoryTable} FROM %I", roleName);

        // PostgreSQL 14 and older let every role create objects in "public"; 15 stopped that. Take the right away
        // on older servers too, or the runtime role could still create tables. Without ownership of the schema this
        // only warns, which is fine: then the right was not ours to give either.
        await sql.ExecuteAsync("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainIdentifier();

    /// <summary>
    /// Runs statements whose identifiers PostgreSQL itself quotes: <c>format(template, VARIADIC names)</c> with
    /// <c>%I</c> builds the text server-side, then it is executed. Nothing is quoted by hand.
    /// </summary>
    private sealed class FormattedSql(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        /// <summary>The database connected to (<c>current_database()</c>), set by the first query.</summary>
        public string Database { get; set; } = "";

        public async Task ExecuteAsync(string template, params string[] identifiers)
        {
            string statement;
            await using (var format = new NpgsqlCommand("SELECT format(@template, VARIADIC @identifiers)", connection, transaction))
            {
                format.Parameters.AddWithValue("template", template);
                format.Parameters.AddWithValue("identifiers", identifiers);
                statement = (string)(await format.ExecuteScalarAsync(cancellationToken))!;
            }

            await using var command = new NpgsqlCommand(statement, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
