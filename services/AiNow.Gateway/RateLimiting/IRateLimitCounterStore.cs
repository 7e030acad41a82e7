namespace AiNow.Gateway.RateLimiting;

/// <summary>A counter shared by every gateway replica.</summary>
public interface IRateLimitCounterStore
{
    /// <summary>Adds one to <paramref name="key"/> and returns the new value; the counter lives <paramref name="lifetime"/> after its last increment.</summary>
    Task<long> IncrementAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken);
}
