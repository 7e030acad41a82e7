using AiNow.Contracts;

namespace AiNow.Api.Security;

/// <summary>Reads the principal that <see cref="PrincipalVerificationMiddleware"/> verified for this request.</summary>
public static class VerifiedPrincipal
{
    private static readonly object s_itemKey = new();

    /// <summary>Stores the verified principal on the request.</summary>
    public static void Set(HttpContext context, Principal principal) => context.Items[s_itemKey] = principal;

    /// <summary>The verified principal, or null when the endpoint requires none.</summary>
    public static Principal? Find(HttpContext context) =>
        context.Items.TryGetValue(s_itemKey, out var value) ? value as Principal : null;

    /// <summary>The tenant of a <c>/v1</c> request; only valid on endpoints that require a tenant principal.</summary>
    public static Guid GetTenantId(this HttpContext context) =>
        Find(context) is { Kind: PrincipalKind.Tenant } principal
            ? principal.TenantId
            : throw new InvalidOperationException("The endpoint reads a tenant but does not require a tenant principal.");
}
