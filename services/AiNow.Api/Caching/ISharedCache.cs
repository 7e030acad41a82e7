namespace AiNow.Api.Caching;

/// <summary>
/// The cache shared by every api replica. It is an optimisation only: when it is unreachable, reads
/// miss and writes are dropped, and the api keeps serving from the source of truth.
/// </summary>
public interface ISharedCache
{
    /// <summary>The cached value, or null on a miss or when the cache is unavailable.</summary>
    Task<string?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Caches <paramref name="value"/> for <paramref name="timeToLive"/>; does nothing when the cache is unavailable.</summary>
    Task SetAsync(string key, string value, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>
    /// The cached value of one of <paramref name="budget"/>'s entries, or null on a miss or when the cache is
    /// unavailable. A hit counts as a use, so the entry is among the last its group drops.
    /// </summary>
    Task<string?> GetAsync(string key, CacheBudget budget, CancellationToken cancellationToken);

    /// <summary>
    /// Caches <paramref name="value"/> for <paramref name="timeToLive"/> as one of <paramref name="budget"/>'s entries,
    /// dropping the group's least recently stored or used entries while it is over budget. A value larger than the
    /// whole budget is not cached. Does nothing when the cache is unavailable.
    /// </summary>
    Task SetAsync(string key, string value, TimeSpan timeToLive, CacheBudget budget, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="key"/>; false when the cache could not be reached (the entry then lives out its time).</summary>
    Task<bool> RemoveAsync(string key, CancellationToken cancellationToken);
}
