namespace AiNow.Gateway.RateLimiting;

/// <summary>Per-tenant request counters shared by every gateway replica, one count per window.</summary>
public interface IRateLimitCounterStore
{
    /// <summary>
    /// Adds one to <paramref name="window"/>'s count in the counter <paramref name="key"/> and returns the new
    /// count; counts of windows before the previous one are forgotten.
    /// </summary>
    Task<long> IncrementAsync(string key, long window, CancellationToken cancellationToken);
}
