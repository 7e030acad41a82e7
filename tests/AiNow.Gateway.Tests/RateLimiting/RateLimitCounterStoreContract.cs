using AiNow.Gateway.RateLimiting;

namespace AiNow.Gateway.Tests.RateLimiting;

/// <summary>
/// What every <see cref="IRateLimitCounterStore"/> must do, run against the Redis store and against the in-memory
/// one the gateway's other tests use, so the stand-in cannot drift from what it stands in for.
/// </summary>
public abstract class RateLimitCounterStoreContract
{
    private protected abstract IRateLimitCounterStore Store { get; }

    /// <summary>The windows the store still holds a count for in <paramref name="key"/>, oldest first.</summary>
    private protected abstract Task<IReadOnlyList<long>> WindowsOfAsync(string key);

    private static string NewKey() => FixedWindowRateLimiter.CounterKey(Guid.NewGuid());

    [Fact]
    public async Task IncrementAsync_CountsEachWindowApart()
    {
        var key = NewKey();

        Assert.Equal(1, await Store.IncrementAsync(key, 100, CancellationToken.None));
        Assert.Equal(2, await Store.IncrementAsync(key, 100, CancellationToken.None));
        Assert.Equal(1, await Store.IncrementAsync(key, 101, CancellationToken.None));
        Assert.Equal(3, await Store.IncrementAsync(key, 100, CancellationToken.None));
        Assert.Equal(2, await Store.IncrementAsync(key, 101, CancellationToken.None));
    }

    [Fact]
    public async Task IncrementAsync_ANewWindow_ForgetsWindowsBeforeThePreviousOne()
    {
        var key = NewKey();
        await Store.IncrementAsync(key, 100, CancellationToken.None);
        await Store.IncrementAsync(key, 101, CancellationToken.None);
        await Store.IncrementAsync(key, 102, CancellationToken.None);

        Assert.Equal([101, 102], await WindowsOfAsync(key));

        // A tenant back after a long pause leaves nothing of its old windows behind.
        await Store.IncrementAsync(key, 500, CancellationToken.None);
        Assert.Equal([500], await WindowsOfAsync(key));
    }

    [Fact]
    public async Task IncrementAsync_AReplicaALittleBehind_StillCountsOnThePreviousWindow()
    {
        var key = NewKey();
        await Store.IncrementAsync(key, 100, CancellationToken.None);
        await Store.IncrementAsync(key, 101, CancellationToken.None);

        Assert.Equal(2, await Store.IncrementAsync(key, 100, CancellationToken.None));
        Assert.Equal([100, 101], await WindowsOfAsync(key));
    }

    [Fact]
    public async Task IncrementAsync_ConcurrentReplicas_LoseNoIncrement()
    {
        var key = NewKey();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => Store.IncrementAsync(key, 100, CancellationToken.None))));

        Assert.Equal(51, await Store.IncrementAsync(key, 100, CancellationToken.None));
    }
}
