using AiNow.Contracts;
using AiNow.Gateway.Authentication;
using AiNow.Gateway.Telemetry;
using AiNow.Gateway.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace AiNow.Gateway.Tests.Authentication;

public sealed class GatewayAuthenticatorTests : IDisposable
{
    private const string TenantKey = "ainow_tenant-key";
    private static readonly TenantIdentity s_tenant = new(Guid.NewGuid(), "acme", 60);

    private readonly ServiceProvider _services = TestServices.Provider();
    private readonly FakeApiKeyResolver _resolver = new();
    private readonly GatewayAuthenticator _authenticator;

    public GatewayAuthenticatorTests()
    {
        _resolver.Tenants[TenantKey] = s_tenant;
        var options = TestServices.Wrap(TestServices.Options());
        _authenticator = new GatewayAuthenticator(
            new AdminKeyVerifier(options),
            new ApiKeyCache(_resolver, options, TimeProvider.System, _services.GetRequiredService<GatewayMetrics>()));
    }

    public void Dispose() => _services.Dispose();

    private Task<AuthenticationResult> Authenticate(CallerScope scope, string? header) =>
        _authenticator.AuthenticateAsync(scope, BearerCredentials.Read(header), CancellationToken.None);

    [Fact]
    public async Task AuthenticateAsync_AdminKeyOnAdmin_IsTheAdmin()
    {
        var result = await Authenticate(CallerScope.Admin, $"Bearer {TestServices.AdminKey}");

        Assert.Equal(Principal.Admin, result.Caller?.Principal);
        Assert.Null(result.Caller?.Tenant);
    }

    [Fact]
    public async Task AuthenticateAsync_TenantKeyOnTenantRoute_IsTheTenant()
    {
        var result = await Authenticate(CallerScope.Tenant, $"Bearer {TenantKey}");

        Assert.Equal(Principal.ForTenant(s_tenant.TenantId), result.Caller?.Principal);
        Assert.Equal(s_tenant, result.Caller?.Tenant);
    }

    [Theory]
    [InlineData(CallerScope.Admin, null, 401, "missing_credentials")]
    [InlineData(CallerScope.Admin, "Basic x", 401, "malformed_credentials")]
    [InlineData(CallerScope.Admin, "Bearer not-the-admin-key-at-all", 401, "invalid_credentials")]
    [InlineData(CallerScope.Admin, "Bearer " + TenantKey, 403, "forbidden")]
    [InlineData(CallerScope.Tenant, null, 401, "missing_credentials")]
    [InlineData(CallerScope.Tenant, "", 401, "missing_credentials")]
    [InlineData(CallerScope.Tenant, "Bearer", 401, "malformed_credentials")]
    [InlineData(CallerScope.Tenant, "Token " + TenantKey, 401, "malformed_credentials")]
    [InlineData(CallerScope.Tenant, "Bearer sk-not-ours", 401, "invalid_credentials")]
    [InlineData(CallerScope.Tenant, "Bearer ainow_unknown", 401, "invalid_credentials")]
    [InlineData(CallerScope.Tenant, "Bearer " + TestServices.AdminKey, 403, "forbidden")]
    public async Task AuthenticateAsync_BadCredential_FailsWithStatusAndReason(CallerScope scope, string? header, int status, string reason)
    {
        var result = await Authenticate(scope, header);

        Assert.Null(result.Caller);
        Assert.Equal(status, result.Failure?.StatusCode);
        Assert.Equal(reason, result.Failure?.Reason);
        Assert.False(string.IsNullOrWhiteSpace(result.Failure?.Detail));
    }

    [Fact]
    public async Task AuthenticateAsync_TokensThatAreNotTenantKeys_NeverReachTheApi()
    {
        await Authenticate(CallerScope.Tenant, "Bearer sk-not-ours");
        await Authenticate(CallerScope.Tenant, $"Bearer {TestServices.AdminKey}");
        await Authenticate(CallerScope.Admin, $"Bearer {TenantKey}");

        Assert.Equal(0, _resolver.Calls);
    }

    [Fact]
    public async Task AuthenticateAsync_ApiUnavailable_Fails503()
    {
        _resolver.Unavailable = true;

        var result = await Authenticate(CallerScope.Tenant, $"Bearer {TenantKey}");

        Assert.Equal(503, result.Failure?.StatusCode);
        Assert.Equal("authentication_unavailable", result.Failure?.Reason);
    }
}
