using AiNow.Contracts;

namespace AiNow.Api.Tests.Support;

/// <summary>One running <see cref="ApiTestHost"/> for a test class, with one known tenant.</summary>
public sealed class ApiHostFixture : IAsyncLifetime
{
    internal ApiTestHost Host { get; private set; } = null!;

    public Guid TenantId { get; private set; }

    public Principal PrincipalFor(string kind) => kind switch
    {
        "admin" => Principal.Admin,
        "gateway" => Principal.Gateway,
        "tenant" => Principal.ForTenant(TenantId),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "admin, gateway or tenant"),
    };

    public async Task InitializeAsync()
    {
        Host = await ApiTestHost.StartAsync();
        TenantId = Host.Tenants.Add("fixture-tenant").Id;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
