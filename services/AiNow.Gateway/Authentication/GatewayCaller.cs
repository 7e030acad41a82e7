using AiNow.Contracts;

namespace AiNow.Gateway.Authentication;

/// <summary>
/// Who an authenticated request acts for, kept in <see cref="HttpContext.Features"/> for the
/// rate limiter and the forwarding transform.
/// </summary>
public sealed record GatewayCaller(Principal Principal, TenantIdentity? Tenant)
{
    public static GatewayCaller Admin { get; } = new(Principal.Admin, null);

    public static GatewayCaller ForTenant(TenantIdentity tenant) => new(Principal.ForTenant(tenant.TenantId), tenant);
}
