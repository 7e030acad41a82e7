using AiNow.Api.Keys;
using AiNow.Api.Tenants;
using AiNow.Api.Tests.Support;
using AiNow.Testing;
using Npgsql;

namespace AiNow.Api.Tests.Tenants;

/// <summary>TenantStore, ApiKeyStore and KeyResolver against a real PostgreSQL with the real schema.</summary>
[Collection(PostgresServer.Name)]
public sealed class StoreTests(TemporaryPostgres postgres) : IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;
    private TenantStore _tenants = null!;
    private ApiKeyStore _keys = null!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await MigratedDatabase.CreateAsync(postgres));
        _tenants = new TenantStore(_dataSource);
        _keys = new ApiKeyStore(_dataSource);
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task CreateAsync_NewName_StoresAndFindsTenant()
    {
        var created = await _tenants.CreateAsync("acme", 600, CancellationToken.None);

        Assert.NotNull(created);
        var found = await _tenants.FindAsync(created.Id, CancellationToken.None);
        Assert.Equal(created, found);
        Assert.InRange(created.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task CreateAsync_TakenName_ReturnsNull()
    {
        Assert.NotNull(await _tenants.CreateAsync("globex", 1, CancellationToken.None));

        Assert.Null(await _tenants.CreateAsync("globex", 2, CancellationToken.None));
    }

    [Fact]
    public async Task CreateAsync_SameNameConcurrently_CreatesExactlyOne()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _tenants.CreateAsync("race", 5, CancellationToken.None)));

        Assert.Single(attempts, tenant => tenant is not null);
    }

    [Fact]
    public async Task FindAsync_UnknownId_ReturnsNull()
    {
        Assert.Null(await _tenants.FindAsync(Guid.NewGuid(), CancellationToken.None));
    }

    [Fact]
    public async Task AddAsync_StoresHashAndPrefixButNeverTheKey()
    {
        var tenant = (await _tenants.CreateAsync("initech", 60, CancellationToken.None))!;
        var key = ApiKeyGenerator.Create();

        var stored = await _keys.AddAsync(tenant.Id, key, CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal(key.Prefix, stored.Prefix);
        await using var command = _dataSource.CreateCommand("SELECT key_hash, key_prefix, tenant_id FROM api_keys");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(key.Hash, reader.GetFieldValue<byte[]>(0));
        Assert.Equal(key.Prefix, reader.GetString(1));
        Assert.Equal(tenant.Id, reader.GetGuid(2));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task AddAsync_UnknownTenant_ReturnsNull()
    {
        Assert.Null(await _keys.AddAsync(Guid.NewGuid(), ApiKeyGenerator.Create(), CancellationToken.None));
    }

    [Fact]
    public async Task FindOwnerAsync_ActiveKey_ReturnsTenantAndLimit()
    {
        var tenant = (await _tenants.CreateAsync("umbrella", 321, CancellationToken.None))!;
        var key = ApiKeyGenerator.Create();
        await _keys.AddAsync(tenant.Id, key, CancellationToken.None);

        var owner = await _keys.FindOwnerAsync(ApiKeyGenerator.Hash(key.Key), CancellationToken.None);

        Assert.Equal(new KeyOwner(tenant.Id, "umbrella", 321), owner);
    }

    [Fact]
    public async Task FindOwnerAsync_RevokedKey_ReturnsNull()
    {
        var tenant = (await _tenants.CreateAsync("cyberdyne", 5, CancellationToken.None))!;
        var key = ApiKeyGenerator.Create();
        await _keys.AddAsync(tenant.Id, key, CancellationToken.None);
        await using (var revoke = _dataSource.CreateCommand("UPDATE api_keys SET revoked_at = now()"))
        {
            await revoke.ExecuteNonQueryAsync();
        }

        Assert.Null(await _keys.FindOwnerAsync(key.Hash, CancellationToken.None));
    }

    [Fact]
    public async Task ResolveAsync_ThroughTheStore_FindsIssuedKeyOnlyByItsExactValue()
    {
        var tenant = (await _tenants.CreateAsync("hooli", 10, CancellationToken.None))!;
        var key = ApiKeyGenerator.Create();
        await _keys.AddAsync(tenant.Id, key, CancellationToken.None);
        var resolver = new KeyResolver(new InMemorySharedCache(), _keys);

        Assert.Equal(tenant.Id, (await resolver.ResolveAsync(key.Key, CancellationToken.None))?.TenantId);
        Assert.Null(await resolver.ResolveAsync(key.Key[..^1] + (key.Key[^1] == 'A' ? 'B' : 'A'), CancellationToken.None));
    }
}
