using AiNow.Testing;
using Npgsql;

namespace AiNow.Data.Tests;

/// <summary>
/// The runtime role against a real server: the stores work when connected as it, schema changes do not,
/// and running the grants again is harmless and rotates the password.
/// </summary>
[Collection(PostgresServer.Name)]
public sealed class RuntimeRoleGrantsTests(TemporaryPostgres postgres)
{
    private const string Password = "first-password-0123456789";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ApplyAsync_NewRole_StoresWorkWhenConnectedAsIt()
    {
        await using var owner = await MigratedDatabase.CreateAsync(postgres);
        var role = NewRoleName();
        Assert.True(await new RuntimeRoleGrants(owner.DataSource).ApplyAsync(role, Password, None));

        await using var runtime = RuntimeDataSource(owner, role, Password);
        var ledger = new UsageLedger(runtime);
        var jobs = new BatchJobStore(runtime, ledger);
        var tenant = Guid.NewGuid();
        await ExecuteAsync(runtime, "INSERT INTO tenants (id, name, rate_limit_per_minute) VALUES (@id, @name, 60)",
            ("id", tenant), ("name", $"tenant-{tenant:N}"));
        await ExecuteAsync(runtime, "INSERT INTO api_keys (id, tenant_id, key_hash, key_prefix) VALUES (@id, @tenant, @hash, 'ak_')",
            ("id", Guid.NewGuid()), ("tenant", tenant), ("hash", new byte[] { 1, 2, 3 }));

        Assert.True(await ledger.RecordAsync(tenant, "embeddings", 1, 7, "request:1", null, None));
        Assert.False(await ledger.RecordAsync(tenant, "embeddings", 1, 7, "request:1", null, None));
        Assert.Equal(1, await ledger.RecordManyAsync([new UsageEvent(tenant, "embeddings", 1, 2, "request:2")], None));
        var first = await jobs.EnqueueAsync(tenant, "m", ["a"], 3, None);
        var second = await jobs.EnqueueAsync(tenant, "m", ["b"], 1, None);
        Assert.Equal(first.Id, (await jobs.ClaimNextAsync("worker-a", TimeSpan.FromMinutes(5), None))!.Id);
        Assert.True(await jobs.RenewLeaseAsync(first.Id, "worker-a", TimeSpan.FromMinutes(5), None));
        Assert.True(await jobs.CompleteAsync(first.Id, "worker-a", [[0.5f]], 3, None));
        Assert.Equal(second.Id, (await jobs.ClaimNextAsync("worker-a", TimeSpan.FromMinutes(5), None))!.Id);
        Assert.True(await jobs.FailAttemptAsync(second.Id, "worker-a", "boom", TimeSpan.Zero, None));
        await ExecuteAsync(runtime, "DELETE FROM tenants WHERE id = @id", ("id", tenant));

        Assert.Null(await jobs.GetAsync(tenant, first.Id, None));
        var scripts = typeof(BatchJobStore).Assembly.GetManifestResourceNames().Count(name => name.StartsWith("Schema/", StringComparison.Ordinal));
        Assert.Equal((long)scripts, await ScalarAsync<long>(runtime, "SELECT count(*) FROM schema_migrations"));
    }

    [Theory]
    [InlineData("CREATE TABLE sneaky (id int)")]
    [InlineData("CREATE TABLE public.sneaky (id int)")]
    [InlineData("DROP TABLE usage_events")]
    [InlineData("ALTER TABLE tenants ADD COLUMN sneaky int")]
    [InlineData("CREATE INDEX ix_sneaky ON tenants (created_at)")]
    [InlineData("TRUNCATE usage_events")]
    [InlineData("CREATE SCHEMA sneaky")]
    [InlineData("INSERT INTO schema_migrations (version, name, checksum) VALUES (999, 'sneaky', 'x')")]
    [InlineData("DELETE FROM schema_migrations")]
    public async Task ApplyAsync_NewRole_CannotChangeSchemaOrHistory(string statement)
    {
        await using var owner = await MigratedDatabase.CreateAsync(postgres);
        var role = NewRoleName();
        await new RuntimeRoleGrants(owner.DataSource).ApplyAsync(role, Password, None);
        await using var runtime = RuntimeDataSource(owner, role, Password);

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(runtime, statement));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task ApplyAsync_NewRole_HasNoPowerfulAttributes()
    {
        await using var owner = await MigratedDatabase.CreateAsync(postgres);
        var role = NewRoleName();
        await new RuntimeRoleGrants(owner.DataSource).ApplyAsync(role, Password, None);

        var attributes = await ScalarAsync<string>(owner.DataSource, """
            SELECT concat_ws(',', rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolinherit, rolreplication, rolbypassrls)
            FROM pg_roles WHERE rolname = @role
            """, ("role", role));

        Assert.Equal("t,f,f,f,f,f,f", attributes); // login; no superuser, createdb, createrole, inherit, replication, bypassrls
    }

    [Fact]
    public async Task ApplyAsync_SecondRunWithNewPassword_RotatesPasswordAndKeepsGrants()
    {
        await using var owner = await MigratedDatabase.CreateAsync(postgres);
        var role = NewRoleName();
        var grants = new RuntimeRoleGrants(owner.DataSource);
        Assert.True(await grants.ApplyAsync(role, Password, None));
        var privilegesBefore = await PrivilegesAsync(owner, role);

        Assert.False(await grants.ApplyAsync(role, "second-password-9876543210", None));

        Assert.Equal(privilegesBefore, await PrivilegesAsync(owner, role));
        await using (var stale = RuntimeDataSource(owner, role, Password))
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync<long>(stale, "SELECT count(*) FROM tenants"));
            Assert.Equal(PostgresErrorCodes.InvalidPassword, error.SqlState);
        }

        await using var current = RuntimeDataSource(owner, role, "second-password-9876543210");
        Assert.Equal(0L, await ScalarAsync<long>(current, "SELECT count(*) FROM tenants"));
    }

    [Fact]
    public async Task ApplyAsync_ConcurrentRuns_AllSucceed()
    {
        await using var owner = await MigratedDatabase.CreateAsync(postgres);
        var role = NewRoleName();

        var created = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => new RuntimeRoleGrants(owner.DataSource).ApplyAsync(role, Password, None)));

        Assert.Single(created, wasCreated => wasCreated);
    }

    [Fact]
    public async Task ApplyAsync_TableAddedByLaterMigration_IsCoveredWithoutRerun()
    {
        await using var owner = await MigratedDatabase.CreateAsync(postgres);
        var role = NewRoleName();
        await new RuntimeRoleGrants(owner.DataSource).ApplyAsync(role, Password, None);
        await owner.ExecuteAsync("CREATE TABLE later_events (id bigserial PRIMARY KEY, note text NOT NULL)");

        await using var runtime = RuntimeDataSource(owner, role, Password);
        await ExecuteAsync(runtime, "INSERT INTO later_events (note) VALUES ('x')");
        await ExecuteAsync(runtime, "UPDATE later_events SET note = 'y'");

        Assert.Equal(1L, await ScalarAsync<long>(runtime, "SELECT count(*) FROM later_events WHERE note = 'y'"));
        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(runtime, "TRUNCATE later_events"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task Schemas_CoverEverySchemaTheMigrationsCreateTablesIn()
    {
        await using var owner = await MigratedDatabase.CreateAsync(postgres);

        await using var command = owner.DataSource.CreateCommand("""
            SELECT DISTINCT schemaname FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
            """);
        var schemas = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                schemas.Add(reader.GetString(0));
            }
        }

        Assert.NotEmpty(schemas);
        Assert.All(schemas, schema => Assert.Contains(schema, RuntimeRoleGrants.Schemas));
    }

    [Fact]
    public async Task ApplyAsync_RoleTheMigratorConnectsAs_ThrowsAndChangesNothing()
    {
        await using var owner = await MigratedDatabase.CreateAsync(postgres);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new RuntimeRoleGrants(owner.DataSource).ApplyAsync("postgres", Password, None));

        Assert.Contains("is the role the migrator itself connects as", error.Message, StringComparison.Ordinal);
        Assert.Contains("Migrations:RuntimeRole", error.Message, StringComparison.Ordinal);
        Assert.True(await ScalarAsync<bool>(owner.DataSource, "SELECT rolsuper FROM pg_roles WHERE rolname = 'postgres'"));
    }

    [Fact]
    public async Task ApplyAsync_ExistingSuperuserRole_ThrowsWithoutUsingIt()
    {
        await using var owner = await MigratedDatabase.CreateAsync(postgres);
        var role = NewRoleName();
        await owner.ExecuteAsync($"CREATE ROLE {role} SUPERUSER");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new RuntimeRoleGrants(owner.DataSource).ApplyAsync(role, Password, None));

        Assert.Contains($"'{role}' already exists with SUPERUSER", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ainow_app", null)]
    [InlineData("_app2", null)]
    [InlineData("", "is empty")]
    [InlineData("AiNow", "not a plain SQL identifier")]
    [InlineData("2app", "not a plain SQL identifier")]
    [InlineData("app-user", "not a plain SQL identifier")]
    [InlineData("app\"; DROP TABLE tenants; --", "not a plain SQL identifier")]
    [InlineData("pg_app", "a name PostgreSQL reserves")]
    [InlineData("public", "a name PostgreSQL reserves")]
    public void ValidateRoleName_Rules(string name, string? problem)
    {
        var result = RuntimeRoleGrants.ValidateRoleName(name);

        if (problem is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.Contains(problem, result, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ValidateRoleName_LongerThan63Characters_Refused()
    {
        Assert.Contains("at most 63 characters", RuntimeRoleGrants.ValidateRoleName(new string('a', 64)), StringComparison.Ordinal);
        Assert.Null(RuntimeRoleGrants.ValidateRoleName(new string('a', 63)));
    }

    [Theory]
    [InlineData("0123456789abcdef", null)]
    [InlineData("with spaces and 'quotes' \\ $$ %L", null)]
    [InlineData("short", "at least 16 characters (it has 5)")]
    [InlineData("päss-word-0123456789", "not printable ASCII (at position 2)")]
    [InlineData("tab\there-0123456789", "not printable ASCII (at position 4)")]
    public void ValidatePassword_Rules(string password, string? problem)
    {
        var result = RuntimeRoleGrants.ValidatePassword(password);

        if (problem is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.Contains(problem, result, StringComparison.Ordinal);
            Assert.DoesNotContain(password, result, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ApplyAsync_PasswordWithQuotesAndDollars_LogsIn()
    {
        await using var owner = await MigratedDatabase.CreateAsync(postgres);
        var role = NewRoleName();
        const string awkward = "it's $$ a \"pass\" %L word;--";

        await new RuntimeRoleGrants(owner.DataSource).ApplyAsync(role, awkward, None);

        await using var runtime = RuntimeDataSource(owner, role, awkward);
        Assert.Equal(0L, await ScalarAsync<long>(runtime, "SELECT count(*) FROM usage_events"));
    }

    internal static string NewRoleName() => $"ainow_rt_{Guid.NewGuid():N}"[..24];

    internal static NpgsqlDataSource RuntimeDataSource(MigratedDatabase owner, string role, string password) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(owner.DataSource.ConnectionString)
        {
            Username = role,
            Password = password,
            Pooling = false,
        }.ConnectionString);

    private static async Task<string> PrivilegesAsync(MigratedDatabase owner, string role) =>
        (await ScalarAsync<string>(owner.DataSource, """
            SELECT string_agg(table_name || ':' || privilege_type, ',' ORDER BY table_name, privilege_type)
            FROM information_schema.role_table_grants WHERE grantee = @role
            """, ("role", role)))!;

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T?> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }
}
