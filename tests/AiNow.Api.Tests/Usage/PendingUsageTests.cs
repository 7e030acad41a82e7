using AiNow.Api.Usage;
using AiNow.Data;

namespace AiNow.Api.Tests.Usage;

public sealed class PendingUsageTests
{
    private static readonly Guid s_tenant = Guid.NewGuid();

    [Fact]
    public void TryAdd_AtCapacity_RefusesUntilChargesAreStored()
    {
        var pending = new PendingUsage(capacity: 2);

        Assert.True(pending.TryAdd(Charge("a")));
        Assert.True(pending.TryAdd(Charge("b")));
        Assert.False(pending.TryAdd(Charge("c")));

        var taken = pending.TakeAvailable(10);
        pending.MarkStored(taken[^1].Sequence);

        Assert.True(pending.TryAdd(Charge("d")));
        Assert.Equal(1, pending.Count);
    }

    [Fact]
    public void TakeAvailable_TakesChargesInTheOrderTheyCameUpToTheMaximum()
    {
        var pending = new PendingUsage(capacity: 10);
        foreach (var key in new[] { "a", "b", "c" })
        {
            pending.TryAdd(Charge(key));
        }

        var first = pending.TakeAvailable(2);
        var rest = pending.TakeAvailable(2);

        Assert.Equal(2, first.Count);
        Assert.Equal(["a", "b", "c"], first.Concat(rest).Select(c => c.Charge.IdempotencyKey));
        Assert.Equal([1L, 2L, 3L], first.Concat(rest).Select(c => c.Sequence));
    }

    [Fact]
    public async Task WaitStoredAsync_ReturnsWhenEverythingTakenBeforeItIsStored()
    {
        var pending = new PendingUsage(capacity: 10);
        pending.TryAdd(Charge("a"));
        pending.TryAdd(Charge("b"));
        var waiting = pending.WaitStoredAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        pending.MarkStored(1);
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted, "one charge is still pending");
        pending.TryAdd(Charge("after the wait began"));
        pending.MarkStored(2);

        Assert.True(await waiting);
    }

    [Fact]
    public async Task WaitStoredAsync_NothingStored_GivesUpAfterTheTimeout()
    {
        var pending = new PendingUsage(capacity: 10);
        pending.TryAdd(Charge("a"));

        Assert.False(await pending.WaitStoredAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None));
        Assert.True(await new PendingUsage(capacity: 1).WaitStoredAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None));
    }

    [Fact]
    public async Task TakeAsync_NothingQueued_WaitsForTheFirstCharge()
    {
        var pending = new PendingUsage(capacity: 10);
        var taking = pending.TakeAsync(10, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(taking.IsCompleted, "nothing to take yet");

        pending.TryAdd(Charge("a"));

        Assert.Equal(["a"], (await taking.WaitAsync(TimeSpan.FromSeconds(30))).Select(c => c.Charge.IdempotencyKey));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Create_ABoundThatIsNotPositive_IsRefused(int capacity)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(nameof(capacity), () => new PendingUsage(capacity));
        Assert.Contains("must be positive", error.Message, StringComparison.Ordinal);
    }

    private static UsageEvent Charge(string key) => new(s_tenant, "embeddings", 1, 1, key);
}
