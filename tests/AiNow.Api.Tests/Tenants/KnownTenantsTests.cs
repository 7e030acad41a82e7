using AiNow.Api.Tenants;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace AiNow.Api.Tests.Tenants;

public sealed class KnownTenantsTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly FlakyTenantStore _store = new();

    [Fact]
    public async Task ExistsAsync_ConfirmedTenantWhileTheDatabaseIsAway_IsStillKnownWithinTheTrustWindow()
    {
        var known = new KnownTenants(_store, _time);
        var tenant = _store.Add();
        Assert.True(await known.ExistsAsync(tenant, CancellationToken.None));

        _store.Unavailable = true;
        _time.Advance(KnownTenants.Fresh + TimeSpan.FromSeconds(1));
        Assert.True(await known.ExistsAsync(tenant, CancellationToken.None));

        _time.Advance(KnownTenants.TrustWhileUnavailable);
        await Assert.ThrowsAsync<NpgsqlException>(() => known.ExistsAsync(tenant, CancellationToken.None));
    }

    [Fact]
    public async Task ExistsAsync_NeverConfirmedTenantWhileTheDatabaseIsAway_Fails()
    {
        var known = new KnownTenants(_store, _time);
        _store.Unavailable = true;

        await Assert.ThrowsAsync<NpgsqlException>(() => known.ExistsAsync(_store.Add(), CancellationToken.None));
    }

    [Fact]
    public async Task ExistsAsync_DeletedTenant_IsForgottenOnceTheFreshAnswerRunsOut()
    {
        var known = new KnownTenants(_store, _time);
        var tenant = _store.Add();
        Assert.True(await known.ExistsAsync(tenant, CancellationToken.None));
        _store.Tenants.Remove(tenant);

        Assert.True(await known.ExistsAsync(tenant, CancellationToken.None));
        _time.Advance(KnownTenants.Fresh);
        Assert.False(await known.ExistsAsync(tenant, CancellationToken.None));

        _store.Unavailable = true;
        await Assert.ThrowsAsync<NpgsqlException>(() => known.ExistsAsync(tenant, CancellationToken.None));
    }

    private sealed class FlakyTenantStore : ITenantStore
    {
        public HashSet<Guid> Tenants { get; } = [];

        public bool Unavailable { get; set; }

        public Guid Add()
        {
            var id = Guid.NewGuid();
            Tenants.Add(id);
            return id;
        }

        public Task<Tenant?> CreateAsync(string name, int rateLimitPerMinute, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<Tenant?> FindAsync(Guid id, CancellationToken cancellationToken) => Unavailable
            ? throw new NpgsqlException("The database is away.", new TimeoutException())
            : Task.FromResult(Tenants.Contains(id) ? new Tenant(id, "t", 60, DateTimeOffset.UnixEpoch) : null);
    }
}
