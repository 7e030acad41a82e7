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

    /// <summary>Removes <paramref name="key"/>; false when the cache could not be reached (the entry then lives out its time).</summary>
    Task<bool> RemoveAsync(string key, CancellationToken cancellationToken);
}
