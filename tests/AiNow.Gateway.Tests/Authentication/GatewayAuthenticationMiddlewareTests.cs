using System.Net;
using System.Text.Json;
using AiNow.Gateway.Authentication;
using AiNow.Gateway.Tests.Fakes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AiNow.Gateway.Tests.Authentication;

public sealed class GatewayAuthenticationMiddlewareTests : IDisposable
{
    private const string TenantKey = "ainow_tenant-key";
    private static readonly TenantIdentity s_tenant = new(Guid.NewGuid(), "acme", 60);

    private readonly ServiceProvider _services = TestServices.Provider();
    private readonly FakeApiKeyResolver _resolver = new();
    private readonly GatewayAuthenticationMiddleware _middleware;
    private bool _nextCalled;

    public GatewayAuthenticationMiddlewareTests()
    {
        _resolver.Tenants[TenantKey] = s_tenant;
        _middleware = TestServices.AuthenticationMiddleware(_services, _resolver, _ => { _nextCalled = true; return Task.CompletedTask; });
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task InvokeAsync_NoAuthorization_Answers401ProblemWithBearerChallenge()
    {
        using var metrics = new MetricRecorder(_services);
        var context = TestServices.Context(_services, "/v1/embeddings", "POST");

        await _middleware.InvokeAsync(context);

        Assert.False(_nextCalled);
        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
        Assert.Equal("Bearer", context.Response.Headers.WWWAuthenticate.ToString());
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(TestServices.ReadBody(context.Response));
        Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("Authorization: Bearer", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, metrics.Total("ainow.gateway.requests.rejected", "reason=missing_credentials"));
    }

    [Fact]
    public async Task InvokeAsync_TenantKeyOnAdmin_Answers403WithoutChallenge()
    {
        var context = TestServices.Context(_services, "/admin/tenants", "POST");
        context.Request.Headers.Authorization = $"Bearer {TenantKey}";

        await _middleware.InvokeAsync(context);

        Assert.False(_nextCalled);
        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        Assert.False(context.Response.Headers.ContainsKey("WWW-Authenticate"));
    }

    [Fact]
    public async Task InvokeAsync_ApiUnavailable_Answers503WithRetryAfter()
    {
        _resolver.Unavailable = true;
        var context = TestServices.Context(_services, "/v1/embeddings", "POST");
        context.Request.Headers.Authorization = $"Bearer {TenantKey}";

        await _middleware.InvokeAsync(context);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task InvokeAsync_ValidTenantKey_StoresTheCallerAndContinues()
    {
        var context = TestServices.Context(_services, "/v1/embeddings", "POST");
        context.Request.Headers.Authorization = $"Bearer {TenantKey}";

        await _middleware.InvokeAsync(context);

        Assert.True(_nextCalled);
        Assert.Equal(s_tenant, context.Features.Get<GatewayCaller>()?.Tenant);
    }

    [Fact]
    public async Task InvokeAsync_AdminKeyOnAdmin_StoresTheAdminAndContinues()
    {
        var context = TestServices.Context(_services, "/admin/tenants", "POST");
        context.Request.Headers.Authorization = $"Bearer {TestServices.AdminKey}";

        await _middleware.InvokeAsync(context);

        Assert.True(_nextCalled);
        Assert.Same(GatewayCaller.Admin, context.Features.Get<GatewayCaller>());
    }

    [Fact]
    public async Task InvokeAsync_AddressPastTheWrongKeyLimit_Answers429WithoutLookingUpAndOthersAreUnaffected()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var throttle = new FailedAuthenticationThrottle(TestServices.Wrap(TestServices.Options(o => o.FailedAuthenticationsPerMinute = 3)), time);
        var middleware = TestServices.AuthenticationMiddleware(_services, _resolver, _ => { _nextCalled = true; return Task.CompletedTask; }, throttle);
        var sprayer = IPAddress.Parse("203.0.113.7");

        for (var i = 0; i < 3; i++)
        {
            var wrong = await SendAsync(middleware, sprayer, $"ainow_wrong-{i}");
            Assert.Equal(StatusCodes.Status401Unauthorized, wrong.Response.StatusCode);
        }

        var lookups = _resolver.Calls;
        var throttled = await SendAsync(middleware, sprayer, TenantKey);
        Assert.Equal(StatusCodes.Status429TooManyRequests, throttled.Response.StatusCode);
        Assert.Equal("60", throttled.Response.Headers.RetryAfter.ToString());
        Assert.Equal(lookups, _resolver.Calls);
        Assert.False(_nextCalled);

        var neighbour = await SendAsync(middleware, IPAddress.Parse("203.0.113.8"), TenantKey);
        Assert.True(_nextCalled, "another address is not held back by the sprayer");

        // Now that the gateway knows the key is valid, it passes from the throttled address too, at no cost.
        _nextCalled = false;
        await SendAsync(middleware, sprayer, TenantKey);
        Assert.True(_nextCalled, "a key already known to be valid needs no lookup and is not throttled");
        Assert.Equal(StatusCodes.Status429TooManyRequests, (await SendAsync(middleware, sprayer, "ainow_still-wrong")).Response.StatusCode);

        time.Advance(FailedAuthenticationThrottle.Window);
        var checkedAgain = await SendAsync(middleware, sprayer, "ainow_wrong-after-the-minute");
        Assert.Equal(StatusCodes.Status401Unauthorized, checkedAgain.Response.StatusCode);
    }

    [Fact]
    public async Task InvokeAsync_MissingOrMalformedCredentials_AreNotCountedAsWrongKeys()
    {
        var throttle = new FailedAuthenticationThrottle(TestServices.Wrap(TestServices.Options(o => o.FailedAuthenticationsPerMinute = 1)), TimeProvider.System);
        var middleware = TestServices.AuthenticationMiddleware(_services, _resolver, _ => { _nextCalled = true; return Task.CompletedTask; }, throttle);
        var client = IPAddress.Parse("198.51.100.1");

        await SendAsync(middleware, client, null);
        await SendAsync(middleware, client, "two tokens");

        Assert.Null(throttle.RetryAfterSeconds(client));
        await SendAsync(middleware, client, TenantKey);
        Assert.True(_nextCalled);
    }

    private async Task<DefaultHttpContext> SendAsync(GatewayAuthenticationMiddleware middleware, IPAddress client, string? token)
    {
        var context = TestServices.Context(_services, "/v1/embeddings", "POST");
        context.Connection.RemoteIpAddress = client;
        if (token is not null)
        {
            context.Request.Headers.Authorization = $"Bearer {token}";
        }

        await middleware.InvokeAsync(context);
        return context;
    }
}
