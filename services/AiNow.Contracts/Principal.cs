using System.Diagnostics.CodeAnalysis;

namespace AiNow.Contracts;

/// <summary>Who a forwarded request acts for.</summary>
public sealed record Principal(PrincipalKind Kind, Guid TenantId)
{
    /// <summary>The operator, authenticated by the admin key at the gateway.</summary>
    public static Principal Admin { get; } = new(PrincipalKind.Admin, Guid.Empty);

    /// <summary>The gateway itself, for its internal calls (API key lookups).</summary>
    public static Principal Gateway { get; } = new(PrincipalKind.Gateway, Guid.Empty);

    /// <summary>A platform service (api, worker) calling another for its own work: the only caller inference serves.</summary>
    public static Principal Service { get; } = new(PrincipalKind.Service, Guid.Empty);

    /// <summary>A tenant authenticated by one of its API keys.</summary>
    public static Principal ForTenant(Guid tenantId) => new(PrincipalKind.Tenant, tenantId);

    /// <summary>The header form: <c>tenant:{id}</c>, <c>admin</c>, <c>gateway</c> or <c>service</c>.</summary>
    public override string ToString() => Kind switch
    {
        PrincipalKind.Tenant => $"tenant:{TenantId:D}",
        PrincipalKind.Admin => "admin",
        PrincipalKind.Service => "service",
        _ => "gateway",
    };

    /// <summary>Parses the header form; false for anything else.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out Principal principal)
    {
        principal = Gateway;
        switch (value)
        {
            case "admin":
                principal = Admin;
                return true;
            case "gateway":
                return true;
            case "service":
                principal = Service;
                return true;
            case not null when value.StartsWith("tenant:", StringComparison.Ordinal)
                               && Guid.TryParseExact(value["tenant:".Length..], "D", out var id):
                principal = ForTenant(id);
                return true;
            default:
                return false;
        }
    }
}

/// <summary>The kinds of principal the gateway vouches for.</summary>
public enum PrincipalKind
{
    Tenant,
    Admin,
    Gateway,
    Service,
}
