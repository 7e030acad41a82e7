namespace AiNow.Gateway.RateLimiting;

/// <summary>The limiter's answer for one request.</summary>
/// <param name="Allowed">Whether the request may go on.</param>
/// <param name="Limit">Requests allowed per window.</param>
/// <param name="Remaining">Requests left in the current window after this one.</param>
/// <param name="RetryAfterSeconds">Whole seconds until the window ends (at least 1).</param>
/// <param name="Counted">False when the store failed and the request went through uncounted.</param>
public sealed record RateLimitDecision(bool Allowed, int Limit, int Remaining, int RetryAfterSeconds, bool Counted = true);
