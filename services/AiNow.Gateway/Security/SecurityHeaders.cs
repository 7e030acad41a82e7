using Microsoft.Net.Http.Headers;

namespace AiNow.Gateway.Security;

/// <summary>
/// The headers every gateway response carries, and the ones none may carry. The gateway is the only
/// public entry, so this is the one place that decides them, for its own answers and the api's alike.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// One year. Not <c>includeSubDomains</c>: the gateway's host name does not speak for other hosts
    /// under the same domain.
    /// </summary>
    public const string StrictTransportSecurityValue = "max-age=31536000";

    // Every answer is JSON for programs, never a page: nothing may be framed, run or loaded from it.
    private const string ContentSecurityPolicyValue = "default-src 'none'; frame-ancestors 'none'";

    private static readonly KeyValuePair<string, string>[] s_always =
    [
        new(HeaderNames.XContentTypeOptions, "nosniff"),
        new(HeaderNames.XFrameOptions, "DENY"),
        new(HeaderNames.ContentSecurityPolicy, ContentSecurityPolicyValue),
        new("Referrer-Policy", "no-referrer"),
        // The api caches nothing on purpose at the HTTP level (its embedding cache is server-side), and its
        // answers are tenant data or freshly issued keys: no shared or browser cache may keep any of them.
        new(HeaderNames.CacheControl, "no-store"),
    ];

    // They name the software behind the gateway (the api's Kestrel, a framework); a client needs none of it.
    private static readonly string[] s_never = [HeaderNames.Server, HeaderNames.XPoweredBy, "X-AspNet-Version"];

    /// <summary>
    /// Sets the security headers on <paramref name="response"/>, replacing whatever the api sent for them,
    /// and removes the ones that describe the servers. HSTS is sent only on a request that arrived over HTTPS
    /// (as the trusted proxy's <c>X-Forwarded-Proto</c> says behind TLS termination): on plain http a browser
    /// ignores it, and an attacker in the middle could strip or forge it anyway.
    /// </summary>
    public static void Apply(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = response.Headers;
        foreach (var (name, value) in s_always)
        {
            headers[name] = value;
        }

        foreach (var name in s_never)
        {
            headers.Remove(name);
        }

        if (response.HttpContext.Request.IsHttps)
        {
            headers.StrictTransportSecurity = StrictTransportSecurityValue;
        }
        else
        {
            headers.Remove(HeaderNames.StrictTransportSecurity);
        }
    }
}
