using System.Globalization;
using AiNow.Gateway.Audit;
using AiNow.Gateway.Authentication;
using AiNow.Gateway.Errors;
using AiNow.Gateway.Telemetry;
using Microsoft.Net.Http.Headers;

namespace AiNow.Gateway.RateLimiting;

/// <summary>Applies the tenant's requests-per-minute limit; admin requests are not limited.</summary>
public sealed class TenantRateLimitMiddleware(RequestDelegate next, FixedWindowRateLimiter limiter, GatewayMetrics metrics, GatewayAuditTrail audit)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<GatewayCaller>()?.Tenant is not { } tenant)
        {
            await next(context);
            return;
        }

        var decision = await limiter.AcquireAsync(tenant.TenantId, tenant.RateLimitPerMinute, context.RequestAborted);

        // Set now for responses written here, and again when the response starts because the
        // proxy clears the response headers when it turns a failed forward into an error status.
        RateLimitHeaders.Apply(context.Response, decision);
        context.Response.OnStarting(
            static state =>
            {
                var (response, decision) = ((HttpResponse, RateLimitDecision))state;
                RateLimitHeaders.Apply(response, decision);
                return Task.CompletedTask;
            },
            (context.Response, decision));

        if (!decision.Allowed)
        {
            metrics.RequestRateLimited(tenant.TenantId);
            audit.RateLimited(context, tenant);
            metrics.RequestRejected(RejectionReason.RateLimited);
            context.Response.Headers[HeaderNames.RetryAfter] = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await GatewayProblem.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too Many Requests",
                $"Tenant '{tenant.TenantName}' may send {decision.Limit} requests per minute and has used them all in this minute. " +
                $"Retry after {decision.RetryAfterSeconds} seconds, or ask an operator to raise the tenant's rateLimitPerMinute.");
            return;
        }

        await next(context);
    }
}
