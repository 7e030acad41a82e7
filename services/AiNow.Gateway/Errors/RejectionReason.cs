namespace AiNow.Gateway.Errors;

/// <summary>Why the gateway answered a request itself; the <c>reason</c> tag of the rejection metric.</summary>
public static class RejectionReason
{
    public const string BodyTooLarge = "body_too_large";
    public const string MalformedBody = "malformed_body";
    public const string MissingCredentials = "missing_credentials";
    public const string MalformedCredentials = "malformed_credentials";
    public const string InvalidCredentials = "invalid_credentials";
    public const string Forbidden = "forbidden";
    public const string AuthenticationUnavailable = "authentication_unavailable";
    public const string AuthenticationThrottled = "authentication_throttled";
    public const string RateLimited = "rate_limited";
    public const string NoRoute = "no_route";
    public const string UpstreamFailure = "upstream_failure";
}
