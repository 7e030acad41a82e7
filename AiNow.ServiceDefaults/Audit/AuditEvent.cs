namespace AiNow.ServiceDefaults.Audit;

/// <summary>
/// One audited action: who did what, to which tenant, with what outcome and from where. Never carries
/// a key, a secret or request content.
/// </summary>
/// <param name="Action">What was attempted (<c>authentication</c>, <c>rate_limit</c>, <c>tenant.create</c>, <c>key.issue</c>, <c>admin.request</c>).</param>
/// <param name="Outcome"><c>success</c>, <c>denied</c> or <c>failure</c>.</param>
/// <param name="Actor">Who: <c>admin</c>, <c>tenant</c> or <c>anonymous</c>.</param>
/// <param name="TenantId">The tenant acted on or acting, when known.</param>
/// <param name="SourceAddress">The client address as the edge saw it (after trusted forwarded headers).</param>
/// <param name="Detail">A short, fixed reason or target (<c>invalid_key</c>, <c>POST /admin/tenants</c>); never free text from the request.</param>
public sealed record AuditEvent(string Action, string Outcome, string Actor, Guid? TenantId, string? SourceAddress, string? Detail = null)
{
    /// <summary>The action succeeded.</summary>
    public const string Success = "success";

    /// <summary>The action was refused (bad credentials, over a limit, not allowed).</summary>
    public const string Denied = "denied";

    /// <summary>The action failed for another reason (a dependency, a conflict).</summary>
    public const string Failure = "failure";
}
