using System.Globalization;
using AiNow.Gateway.Audit;
using AiNow.Gateway.Errors;
using AiNow.ServiceDefaults.Telemetry;
using AiNow.Gateway.Telemetry;
using Microsoft.Net.Http.Headers;

namespace AiNow.Gateway.Authentication;

/// <summary>Authenticates every proxied request; the caller is stored as a <see cref="GatewayCaller"/> feature.</summary>
public sealed class GatewayAuthenticationMiddleware(
    RequestDelegate next,
    GatewayAuthenticator authenticator,
    FailedAuthenticationThrottle throttle,
    ApiKeyCache apiKeys,
    GatewayMetrics metrics,
    GatewayAuditTrail audit,
    ILogger<GatewayAuthenticationMiddleware> logger)
{
    /// <summary>Seconds a client is told to wait when the api cannot check its key.</summary>
    public const int UnavailableRetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        var scope = CallerScopes.Of(context.Request.Path);
        var credential = BearerCredentials.Read(context.Request.Headers.Authorization);
        var client = context.Connection.RemoteIpAddress;
        // A throttled address may still use a key the gateway already knows to be valid: that costs no lookup,
        // and one client's typos behind a shared address (an office's NAT) must not lock out its neighbours.
        var throttledFor = credential.Status == BearerCredentialStatus.Present && !apiKeys.IsCachedValid(credential.Token)
            ? throttle.RetryAfterSeconds(client)
            : null;
        var result = throttledFor is { } wait
            ? AuthenticationResult.Fail(StatusCodes.Status429TooManyRequests, RejectionReason.AuthenticationThrottled, "Too Many Requests",
                $"Too many wrong credentials came from this address in the last minute, so credentials from it are not checked for {wait} s. " +
                "Check the key you send, then retry after that.")
            : await authenticator.AuthenticateAsync(scope, credential, context.RequestAborted);

        if (result.Failure is { } failure)
        {
            metrics.RequestRejected(failure.Reason);
            audit.AuthenticationRefused(context, failure);
            if (failure.Reason == RejectionReason.InvalidCredentials)
            {
                throttle.RecordFailure(client);
            }

            if (failure.StatusCode == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
            }
            else if (failure.StatusCode == StatusCodes.Status503ServiceUnavailable)
            {
                context.Response.Headers[HeaderNames.RetryAfter] = UnavailableRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            }
            else if (throttledFor is { } seconds)
            {
                context.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
            }

            await GatewayProblem.WriteAsync(context, failure.StatusCode, failure.Title, failure.Detail);
            return;
        }

        var caller = result.Caller!;
        context.Features.Set(caller);
        if (caller.Tenant is { } tenant)
        {
            // Every later log line and the request's span name the tenant (its id; never the key).
            using (logger.BeginScope(TenantLogScope.For(tenant.TenantId)))
            {
                await next(context);
            }

            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception) when (audit.AdminRequestFailed(context))
        {
            // Not reached: the filter writes the audit event and lets the exception go on to the error handler.
            throw;
        }

        audit.AdminRequest(context);
    }
}
