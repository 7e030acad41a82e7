namespace AiNow.Gateway.Tests.Security;

/// <summary>
/// What every gateway response must carry and must not, written out as the specification the gateway is held
/// to (deliberately not read from the gateway's own list). The end-to-end suite links this file and holds the
/// running platform to the same list.
/// </summary>
internal static class SecurityHeaderSpec
{
    /// <summary>HSTS as sent over HTTPS.</summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    /// <summary>Each required header with its one exact value.</summary>
    public static readonly IReadOnlyList<(string Name, string Value)> Required =
    [
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
        ("Referrer-Policy", "no-referrer"),
        ("Cache-Control", "no-store"),
    ];

    /// <summary>Headers that describe the software behind the gateway.</summary>
    public static readonly IReadOnlyList<string> Forbidden = ["Server", "X-Powered-By", "X-AspNet-Version"];

    /// <summary>Every way the headers break the specification; empty when they keep it.</summary>
    /// <param name="valuesOf">All values a response has for a header name (matched case-insensitively), none when absent.</param>
    /// <param name="overHttps">Whether the client reached the gateway over HTTPS, the only case that gets HSTS.</param>
    public static IReadOnlyList<string> Violations(Func<string, IReadOnlyList<string>> valuesOf, bool overHttps)
    {
        ArgumentNullException.ThrowIfNull(valuesOf);
        var violations = new List<string>();
        foreach (var (name, value) in Required)
        {
            var values = valuesOf(name);
            if (values is not [var single] || single != value)
            {
                violations.Add($"expected '{name}: {value}', got [{string.Join(" | ", values)}]");
            }
        }

        violations.AddRange(Absent(valuesOf, Forbidden));
        var hsts = valuesOf("Strict-Transport-Security");
        if (overHttps && hsts is not [StrictTransportSecurity])
        {
            violations.Add($"expected 'Strict-Transport-Security: {StrictTransportSecurity}' over HTTPS, got [{string.Join(" | ", hsts)}]");
        }
        else if (!overHttps && hsts.Count > 0)
        {
            violations.Add($"'Strict-Transport-Security' must not be sent over plain http, got [{string.Join(" | ", hsts)}]");
        }

        return violations;
    }

    /// <summary>The violations among <paramref name="names"/> that are present.</summary>
    public static IEnumerable<string> Absent(Func<string, IReadOnlyList<string>> valuesOf, IEnumerable<string> names) =>
        names.Where(name => valuesOf(name).Count > 0).Select(name => $"'{name}' must not be sent, got [{string.Join(" | ", valuesOf(name))}]");
}
