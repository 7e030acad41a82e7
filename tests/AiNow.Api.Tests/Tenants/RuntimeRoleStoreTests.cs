using AiNow.Api.Keys;
using AiNow.Api.Tenants;
using AiNow.Api.Tests.Support;
using AiNow.Data;
using AiNow.Testing;
using Npgsql;

namespace AiNow.Api.Tests.Tenants;

/// <summary>
/// The api's stores connected as the runtime role the migrator sets up (not the schema owner), as deployments
/// run them: everything they do must be within that role's grants.
/// </summary>
[Collection(PostgresServer.Name)]
public sealed class RuntimeRoleStoreTests(TemporaryPostgres postgres) : IAsyncLifetime
{
    private const string Password = "api-runtime-password-0123456789";
    private NpgsqlDataSource _runtime = null!;

    public async Task InitializeAsync()
    {
        var ownerConnection = await MigratedDatabase.CreateAsync(postgres);
        var role = $"ainow_api_{Guid.NewGuid():N}"[..24];
        await using (var owner = NpgsqlDataSource.Create(ownerConnection))
        {
            await new RuntimeRoleGrants(owner).ApplyAsync(role, Password, CancellationToken.None);
        }

        _runtime = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(ownerConnection)
        {
            Username = role,
            Password = Password,
        }.ConnectionString);
    }

    public async Task DisposeAsync() => await _runtime.DisposeAsync();

    [Fact]
    public async Task Stores_AsRuntimeRole_CreateTenantIssueAndResolveKeyRecordUsageAndQueueJob()
    {
        var tenants = new TenantStore(_runtime);
        var keys = new ApiKeyStore(_runtime);
        var ledger = new UsageLedger(_runtime);
        var jobs = new BatchJobStore(_runtime, ledger);

        var tenant = await tenants.CreateAsync("runtime-acme", 60, CancellationToken.None);
        Assert.NotNull(tenant);
        Assert.Null(await tenants.CreateAsync("runtime-acme", 60, CancellationToken.None));
        Assert.Equal(tenant, await tenants.FindAsync(tenant.Id, CancellationToken.None));

        var key = ApiKeyGenerator.Create();
        Assert.NotNull(await keys.AddAsync(tenant.Id, key, CancellationToken.None));
        var resolver = new KeyResolver(new InMemorySharedCache(), keys);
        Assert.Equal(tenant.Id, (await resolver.ResolveAsync(key.Key, CancellationToken.None))?.TenantId);

        Assert.True(await ledger.RecordAsync(tenant.Id, "embeddings", 1, 9, "request:runtime", null, CancellationToken.None));
        var job = await jobs.EnqueueAsync(tenant.Id, "all-MiniLM-L6-v2", ["hello"], 3, CancellationToken.None);
        Assert.Equal(BatchJobStatus.Queued, (await jobs.GetAsync(tenant.Id, job.Id, CancellationToken.None))!.Status);
        Assert.Equal(9, (await ledger.GetSummaryAsync(tenant.Id, CancellationToken.None)).Tokens);
    }
}
