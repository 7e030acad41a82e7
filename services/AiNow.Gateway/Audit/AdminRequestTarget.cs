using System.Globalization;

namespace AiNow.Gateway.Audit;

/// <summary>
/// What an admin request acted on, in a fixed vocabulary: the path's known words stay, ids become
/// <c>{id}</c> and anything else <c>{other}</c>, so no text a caller chose reaches the audit log.
/// </summary>
public static class AdminRequestTarget
{
    private static readonly HashSet<string> s_knownSegments = new(StringComparer.Ordinal) { "admin", "tenants", "keys", "usage" };

    /// <summary>The method, normalised path and status (<c>POST /admin/tenants/{id}/keys 201</c>).</summary>
    public static string Describe(string method, PathString path, int status)
    {
        var segments = Lowered(path).Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Normalise);
        var verb = HttpMethods.GetCanonicalizedValue(method) is { Length: <= 7 } known && known.All(char.IsAsciiLetterUpper) ? known : "OTHER";
        return string.Create(CultureInfo.InvariantCulture, $"{verb} /{string.Join('/', segments)} {status}");
    }

    /// <summary>The tenant id in <c>/admin/tenants/{id}/...</c>, if the path has one.</summary>
    public static Guid? TenantOf(PathString path) =>
        Lowered(path).Split('/', StringSplitOptions.RemoveEmptyEntries) is ["admin", "tenants", var id, ..] && Guid.TryParse(id, out var tenantId)
            ? tenantId
            : null;

    // Routes match case-insensitively, so the audit names them the same way.
    private static string Lowered(PathString path) => (path.Value ?? "").ToLowerInvariant();

    private static string Normalise(string segment) =>
        s_knownSegments.Contains(segment) ? segment : Guid.TryParse(segment, out _) ? "{id}" : "{other}";
}
