using AiNow.Contracts.Telemetry;
using AiNow.Gateway.Audit;
using AiNow.Gateway.Authentication;
using AiNow.Gateway.Tests.Fakes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiNow.Gateway.Tests.Audit;

/// <summary>The edge's audit events, written through the authentication middleware as requests pass it.</summary>
public sealed class GatewayAuditTests : IDisposable
{
    private const string TenantKey = "ainow_audit-tenant-key";
    private static readonly TenantIdentity s_tenant = new(Guid.NewGuid(), "acme", 60);

    private readonly ServiceProvider _services = TestServices.Provider();
    private readonly FakeApiKeyResolver _resolver = new();
    private readonly GatewayAuthenticationMiddleware _middleware;
    private Func<HttpContext, Task> _next = _ => Task.CompletedTask;

    public GatewayAuditTests()
    {
        _resolver.Tenants[TenantKey] = s_tenant;
        _middleware = TestServices.AuthenticationMiddleware(_services, _resolver, context => _next(context));
    }

    public void Dispose() => _services.Dispose();

    private async Task<HttpContext> SendAsync(string method, string path, string? bearer)
    {
        var context = TestServices.Context(_services, path, method);
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("203.0.113.7");
        if (bearer is not null)
        {
            context.Request.Headers.Authorization = $"Bearer {bearer}";
        }

        await _middleware.InvokeAsync(context);
        return context;
    }

    [Fact]
    public async Task RefusedKey_WritesOneDeniedAuditEvent_WithoutTheKey()
    {
        const string wrongKey = "ainow_wrong-key-7d1e0c";

        await SendAsync("POST", "/v1/embeddings", wrongKey);

        var audit = Assert.Single(AuditRecords.Of(_services));
        Assert.Equal(AuditContract.AuditLogType, audit[AuditContract.LogTypeProperty]);
        Assert.Equal("authentication", audit["AuditAction"]);
        Assert.Equal("denied", audit["AuditOutcome"]);
        Assert.Equal("anonymous", audit["AuditActor"]);
        Assert.Equal("203.0.113.7", audit["SourceAddress"]);
        Assert.Equal("invalid_credentials", audit["AuditDetail"]);
        Assert.All(_services.GetFakeLogCollector().GetSnapshot(), record =>
            Assert.DoesNotContain("wrong-key-7d1e0c", record.Message + string.Join(' ', record.StructuredState ?? []), StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeysCannotBeChecked_IsNotAnAuditEvent()
    {
        _resolver.Unavailable = true;

        var context = await SendAsync("POST", "/v1/embeddings", "ainow_unchecked-key");

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Empty(AuditRecords.Of(_services));
    }

    [Fact]
    public async Task AdminRequest_IsAuditedWithItsOutcomeAndNormalisedTarget()
    {
        var tenantId = Guid.NewGuid();
        _next = context => { context.Response.StatusCode = StatusCodes.Status201Created; return Task.CompletedTask; };

        await SendAsync("POST", $"/admin/tenants/{tenantId}/keys", TestServices.AdminKey);

        var audit = Assert.Single(AuditRecords.Of(_services));
        Assert.Equal("admin.request", audit["AuditAction"]);
        Assert.Equal("success", audit["AuditOutcome"]);
        Assert.Equal("admin", audit["AuditActor"]);
        Assert.Equal(tenantId.ToString("D"), audit["TenantId"]);
        Assert.Equal("POST /admin/tenants/{id}/keys 201", audit["AuditDetail"]);
    }

    [Fact]
    public async Task AdminRequestThatThrows_IsAuditedAsAFailure()
    {
        _next = _ => throw new InvalidOperationException("the api broke");

        await Assert.ThrowsAsync<InvalidOperationException>(() => SendAsync("POST", "/admin/tenants", TestServices.AdminKey));

        var audit = Assert.Single(AuditRecords.Of(_services));
        Assert.Equal("failure", audit["AuditOutcome"]);
        Assert.Equal("POST /admin/tenants 500", audit["AuditDetail"]);
    }

    [Fact]
    public async Task TenantRequest_LogsCarryTheTenantIdAndNoAuditEvent()
    {
        _next = context =>
        {
            context.RequestServices.GetRequiredService<ILogger<GatewayAuditTests>>().LogInformation("inside the request");
            return Task.CompletedTask;
        };

        await SendAsync("POST", "/v1/embeddings", TenantKey);

        var inside = Assert.Single(_services.GetFakeLogCollector().GetSnapshot(), record => record.Message == "inside the request");
        var scope = inside.Scopes.OfType<IEnumerable<KeyValuePair<string, object?>>>().SelectMany(s => s);
        Assert.Contains(new KeyValuePair<string, object?>(AiNowMetrics.TenantTag, s_tenant.TenantId.ToString("D")), scope);
        Assert.Empty(AuditRecords.Of(_services));
    }

    [Theory]
    [InlineData("GET", "/admin/tenants/6f1c2e8a-0a4b-4c39-9d5e-1a2b3c4d5e6f", 200, "GET /admin/tenants/{id} 200")]
    [InlineData("POST", "/ADMIN/Tenants", 409, "POST /admin/tenants 409")]
    [InlineData("DELETE", "/admin/tenants/'; drop table tenants;--/keys", 404, "DELETE /admin/tenants/{other}/keys 404")]
    [InlineData("BREW<script>", "/admin", 405, "OTHER /admin 405")]
    public void Describe_KeepsOnlyKnownWords(string method, string path, int status, string expected) =>
        Assert.Equal(expected, AdminRequestTarget.Describe(method, path, status));
}
