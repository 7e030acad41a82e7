using System.Collections.Concurrent;
using AiNow.Api.Usage;
using AiNow.Data;
using AiNow.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AiNow.Api.Tests.Usage;

/// <summary>A ledger that takes charges only while <see cref="Available"/>, and counts every attempt.</summary>
internal sealed class ScriptedLedger : IUsageRecorder
{
    private int _calls;

    public volatile bool Available = true;

    /// <summary>What a call throws while the ledger is away.</summary>
    public Exception Failure { get; set; } = new InvalidOperationException("the ledger is away");

    /// <summary>Runs just before a call fails (a test stops the service there).</summary>
    public Action? BeforeFailing { get; set; }

    /// <summary>Runs just after a call succeeded (a test changes the world there, mid-drain).</summary>
    public Action? AfterRecording { get; set; }

    public ConcurrentQueue<UsageEvent> Recorded { get; } = new();

    public int Calls => Volatile.Read(ref _calls);

    public Task<int> RecordManyAsync(IReadOnlyList<UsageEvent> events, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (!Available)
        {
            BeforeFailing?.Invoke();
            return Task.FromException<int>(Failure);
        }

        foreach (var charge in events)
        {
            Recorded.Enqueue(charge);
        }

        AfterRecording?.Invoke();
        return Task.FromResult(events.Count);
    }
}

/// <summary>An outbox in memory that stashes only while <see cref="Available"/>, and counts every attempt.</summary>
internal sealed class ScriptedOutbox : IUsageOutbox
{
    private readonly ConcurrentDictionary<string, UsageEvent> _entries = new();
    private int _stashCalls;
    private int _peekCalls;

    public volatile bool Available = true;

    public int StashCalls => Volatile.Read(ref _stashCalls);

    public int PeekCalls => Volatile.Read(ref _peekCalls);

    public IReadOnlyCollection<UsageEvent> Entries => [.. _entries.Values];

    public Task<bool> TryStashAsync(IReadOnlyList<UsageEvent> charges)
    {
        Interlocked.Increment(ref _stashCalls);
        if (!Available)
        {
            return Task.FromResult(false);
        }

        foreach (var charge in charges)
        {
            _entries[charge.IdempotencyKey] = charge;
        }

        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<UsageEvent>> PeekAsync(int maxCount, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _peekCalls);
        return Available
            ? Task.FromResult<IReadOnlyList<UsageEvent>>([.. _entries.Values.Take(maxCount)])
            : Task.FromException<IReadOnlyList<UsageEvent>>(new TimeoutException("the outbox is away"));
    }

    public Task RemoveAsync(IReadOnlyList<UsageEvent> charges, CancellationToken cancellationToken)
    {
        foreach (var charge in charges)
        {
            _entries.TryRemove(charge.IdempotencyKey, out _);
        }

        return Task.CompletedTask;
    }
}

/// <summary>A controlled clock that also records every timer started on it (a Task.Delay, a PeriodicTimer), with its due time.</summary>
internal sealed class TimerRecordingTimeProvider() : FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero))
{
    public ConcurrentQueue<TimeSpan> DueTimes { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        DueTimes.Enqueue(dueTime);
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Waits (on the real clock, up to 30 s) until <paramref name="count"/> timers have been started.</summary>
    public Task WaitForTimersAsync(int count) =>
        Eventually.HoldsAsync(() => DueTimes.Count >= count, $"{count} timers started");
}
