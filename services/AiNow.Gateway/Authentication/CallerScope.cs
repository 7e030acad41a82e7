namespace AiNow.Gateway.Authentication;

/// <summary>Which credential a routed path asks for.</summary>
public enum CallerScope
{
    /// <summary><c>/v1/*</c>: a tenant API key.</summary>
    Tenant,

    /// <summary><c>/admin/*</c>: the admin key.</summary>
    Admin,
}

/// <summary>Maps a routed path to the credential it needs.</summary>
public static class CallerScopes
{
    public static readonly PathString AdminPrefix = new("/admin");

    public static readonly PathString TenantPrefix = new("/v1");

    public static CallerScope Of(PathString path) =>
        path.StartsWithSegments(AdminPrefix, StringComparison.OrdinalIgnoreCase) ? CallerScope.Admin : CallerScope.Tenant;
}
