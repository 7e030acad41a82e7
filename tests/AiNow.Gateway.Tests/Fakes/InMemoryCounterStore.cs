using System.Collections.Concurrent;
using AiNow.Gateway.RateLimiting;

namespace AiNow.Gateway.Tests.Fakes;

/// <summary>A counter store in a dictionary; can be told to fail like an unreachable Redis.</summary>
internal sealed class InMemoryCounterStore : IRateLimitCounterStore
{
    private readonly ConcurrentDictionary<(string Key, long Window), long> _counters = new();

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
        return Task.FromResult(_counters.AddOrUpdate((key, window), 1, (_, count) => count + 1));
    }
}
