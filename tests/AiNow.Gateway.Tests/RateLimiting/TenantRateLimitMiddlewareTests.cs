using System.Text.Json;
using AiNow.Gateway.Audit;
using AiNow.Gateway.Authentication;
using AiNow.Gateway.RateLimiting;
using AiNow.Gateway.Telemetry;
using AiNow.Gateway.Tests.Fakes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AiNow.Gateway.Tests.RateLimiting;

public sealed class TenantRateLimitMiddlewareTests : IDisposable
{
    private static readonly TenantIdentity s_tenant = new(Guid.NewGuid(), "acme", 2);

    private readonly ServiceProvider _services = TestServices.Provider();
    private readonly InMemoryCounterStore _store = new();
    private readonly TenantRateLimitMiddleware _middleware;
    private int _nextCalls;

    public TenantRateLimitMiddlewareTests()
    {
        var metrics = _services.GetRequiredService<GatewayMetrics>();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 45, TimeSpan.Zero));
        var limiter = new FixedWindowRateLimiter(_store, time, metrics, NullLogger<FixedWindowRateLimiter>.Instance);
        _middleware = new TenantRateLimitMiddleware(_ => { _nextCalls++; return Task.CompletedTask; }, limiter, metrics, _services.GetRequiredService<GatewayAuditTrail>());
    }

    public void Dispose() => _services.Dispose();

    private async Task<HttpContext> Send(GatewayCaller caller)
    {
        var context = TestServices.Context(_services, "/v1/embeddings", "POST");
        context.Features.Set(caller);
        await _middleware.InvokeAsync(context);
        return context;
    }

    [Fact]
    public async Task InvokeAsync_WithinTheLimit_ContinuesWithRateLimitHeaders()
    {
        var context = await Send(GatewayCaller.ForTenant(s_tenant));

        Assert.Equal(1, _nextCalls);
        Assert.Equal("2", context.Response.Headers["X-RateLimit-Limit"].ToString());
        Assert.Equal("1", context.Response.Headers["X-RateLimit-Remaining"].ToString());
    }

    [Fact]
    public async Task InvokeAsync_OverTheLimit_Answers429ProblemWithRetryAfter()
    {
        using var metrics = new MetricRecorder(_services);
        await Send(GatewayCaller.ForTenant(s_tenant));
        await Send(GatewayCaller.ForTenant(s_tenant));

        var context = await Send(GatewayCaller.ForTenant(s_tenant));

        Assert.Equal(2, _nextCalls);
        Assert.Equal(StatusCodes.Status429TooManyRequests, context.Response.StatusCode);
        Assert.Equal("15", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal("2", context.Response.Headers["X-RateLimit-Limit"].ToString());
        Assert.Equal("0", context.Response.Headers["X-RateLimit-Remaining"].ToString());
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(TestServices.ReadBody(context.Response));
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("15 seconds", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, metrics.Total("ainow.gateway.requests.rate_limited", $"tenant={s_tenant.TenantId:D}"));
        Assert.Equal(1, metrics.Total("ainow.gateway.requests.rejected", "reason=rate_limited"));
        var audit = Assert.Single(AuditRecords.Of(_services));
        Assert.Equal(("rate_limit", "denied", "tenant", s_tenant.TenantId.ToString("D")),
            (audit["AuditAction"], audit["AuditOutcome"], audit["AuditActor"], audit["TenantId"]));
    }

    [Fact]
    public async Task InvokeAsync_Admin_IsNotLimitedNorCounted()
    {
        for (var i = 0; i < 5; i++)
        {
            var context = await Send(GatewayCaller.Admin);
            Assert.False(context.Response.Headers.ContainsKey("X-RateLimit-Limit"));
        }

        Assert.Equal(5, _nextCalls);
        Assert.Empty(_store.Increments);
    }

    [Fact]
    public async Task InvokeAsync_StoreDown_ContinuesWithHeaders()
    {
        _store.Failure = new TimeoutException();

        var context = await Send(GatewayCaller.ForTenant(s_tenant));

        Assert.Equal(1, _nextCalls);
        Assert.Equal("2", context.Response.Headers["X-RateLimit-Limit"].ToString());
    }
}
