using AiNow.ServiceDefaults;
using AiNow.Gateway.Authentication;
using AiNow.Gateway.Errors;
using AiNow.Gateway.Limits;
using AiNow.Gateway.Proxy;
using AiNow.Gateway.RateLimiting;
using AiNow.Gateway.Security;
using AiNow.Gateway.Telemetry;

namespace AiNow.Gateway.Extensions;

/// <summary>The gateway's request pipeline.</summary>
public static class GatewayPipelineExtensions
{
    /// <summary>
    /// The security headers on every response; first in the pipeline, so that no response, the health
    /// endpoints' and the error handler's included, is written without them.
    /// </summary>
    public static WebApplication UseGatewaySecurityHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<SecurityHeadersMiddleware>();
        return app;
    }

    /// <summary>Unhandled exceptions and bodiless error statuses become problem responses.</summary>
    public static WebApplication UseGatewayErrorHandling(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseProblemResponses();
        return app;
    }

    /// <summary>
    /// Maps the proxy routes, each request passing size limit, authentication and rate limit in
    /// that order (cheapest refusal first) before its body is read and hashed for the signature,
    /// and a 404 problem for every other path.
    /// </summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<ForwarderErrorProblemMiddleware>();
            proxy.UseMiddleware<RequestBodyLimitMiddleware>();
            proxy.UseMiddleware<GatewayAuthenticationMiddleware>();
            proxy.UseMiddleware<TenantRateLimitMiddleware>();
            proxy.UseMiddleware<RequestBodyHashMiddleware>();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });

        app.MapFallback("{**path}", static context =>
        {
            context.RequestServices.GetRequiredService<GatewayMetrics>().RequestRejected(RejectionReason.NoRoute);
            return GatewayProblem.WriteAsync(context, StatusCodes.Status404NotFound, "Not Found",
                $"No endpoint matches '{context.Request.Path}'. The gateway serves the OpenAI-compatible API under " +
                $"{CallerScopes.TenantPrefix}/ and the administration API under {CallerScopes.AdminPrefix}/.");
        });

        return app;
    }
}
