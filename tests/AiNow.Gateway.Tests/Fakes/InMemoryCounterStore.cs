using System.Collections.Concurrent;
using AiNow.Gateway.RateLimiting;

namespace AiNow.Gateway.Tests.Fakes;

/// <summary>
/// The counter store's contract in a dictionary: one count per window, and the windows before the previous one
/// forgotten when a new one starts, as <see cref="RedisRateLimitCounterStore"/> prunes them (the contract tests
/// hold both to it). Can be told to fail like an unreachable Redis.
/// </summary>
internal sealed class InMemoryCounterStore : IRateLimitCounterStore
{
    private readonly ConcurrentDictionary<string, SortedDictionary<long, long>> _counters = new(StringComparer.Ordinal);

    public Exception? Failure { get; set; }

    public ConcurrentQueue<(string Key, long Window)> Increments { get; } = new();

    public Task<long> IncrementAsync(string key, long window, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Failure is not null)
        {
            return Task.FromException<long>(Failure);
        }

        Increments.Enqueue((key, window));
        var windows = _counters.GetOrAdd(key, _ => []);
        lock (windows)
        {
            var count = windows.GetValueOrDefault(window) + 1;
            windows[window] = count;
            if (count == 1)
            {
                foreach (var old in windows.Keys.Where(w => w < window - 1).ToList())
                {
                    windows.Remove(old);
                }
            }

            return Task.FromResult(count);
        }
    }

    /// <summary>The windows <paramref name="key"/> still holds a count for, oldest first.</summary>
    public IReadOnlyList<long> WindowsOf(string key)
    {
        if (!_counters.TryGetValue(key, out var windows))
        {
            return [];
        }

        lock (windows)
        {
            return [.. windows.Keys];
        }
    }
}
