using AiNow.Gateway.Authentication;
using AiNow.ServiceDefaults.Audit;

namespace AiNow.Gateway.Audit;

/// <summary>
/// The audit events only the edge can write, with the client address it saw (after trusted forwarded
/// headers): refused credentials, rate-limit refusals and every admin request with its outcome.
/// </summary>
public sealed class GatewayAuditTrail(AuditLog audit)
{
    /// <summary>A request whose credentials were refused (401/403, or 429 once its address sent too many wrong ones); a 503 (keys could not be checked) is no client's doing and is not audited.</summary>
    public void AuthenticationRefused(HttpContext context, AuthenticationFailure failure)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(failure);
        if (failure.StatusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status429TooManyRequests)
        {
            audit.Write(new AuditEvent("authentication", AuditEvent.Denied, ActorOf(context), null, SourceOf(context), failure.Reason));
        }
    }

    /// <summary>A tenant request refused for exceeding the tenant's limit.</summary>
    public void RateLimited(HttpContext context, TenantIdentity tenant)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tenant);
        audit.Write(new AuditEvent("rate_limit", AuditEvent.Denied, "tenant", tenant.TenantId, SourceOf(context)));
    }

    /// <summary>An authenticated admin request, once its response status is known.</summary>
    public void AdminRequest(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var status = context.Response.StatusCode;
        var outcome = status switch
        {
            < 400 => AuditEvent.Success,
            StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound => AuditEvent.Denied,
            _ => AuditEvent.Failure,
        };
        WriteAdminRequest(context, outcome, status);
    }

    /// <summary>An admin request that threw before it had a status: audited as a failure. Returns false, for use as an exception filter.</summary>
    public bool AdminRequestFailed(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        WriteAdminRequest(context, AuditEvent.Failure, StatusCodes.Status500InternalServerError);
        return false;
    }

    private void WriteAdminRequest(HttpContext context, string outcome, int status) =>
        audit.Write(new AuditEvent("admin.request", outcome, "admin", AdminRequestTarget.TenantOf(context.Request.Path), SourceOf(context),
            AdminRequestTarget.Describe(context.Request.Method, context.Request.Path, status)));

    // Which kind of credential was refused, without repeating any of it.
    private static string ActorOf(HttpContext context) =>
        CallerScopes.Of(context.Request.Path) == CallerScope.Admin ? "admin" : "anonymous";

    private static string? SourceOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();
}
