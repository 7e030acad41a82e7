using System.Globalization;

namespace AiNow.Gateway.RateLimiting;

/// <summary>The <c>X-RateLimit-*</c> headers every tenant response carries.</summary>
public static class RateLimitHeaders
{
    public const string Limit = "X-RateLimit-Limit";
    public const string Remaining = "X-RateLimit-Remaining";

    public static void Apply(HttpResponse response, RateLimitDecision decision)
    {
        response.Headers[Limit] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers[Remaining] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
    }
}
