using System.Threading.Channels;
using AiNow.Data;

namespace AiNow.Api.Usage;

/// <summary>
/// Charges accepted by this api replica and not yet kept (in the usage ledger, or the outbox when the ledger cannot
/// take them), in the order they were taken.
/// Bounded: past <see cref="Capacity"/> pending charges (the database has been away for a long while)
/// <see cref="TryAdd"/> refuses, and the meter writes through instead, failing the request rather than
/// holding unbounded memory. Each charge gets a sequence number so a reader can wait until everything
/// charged before it is kept (read-your-writes for <c>/v1/usage</c>, while the ledger takes charges).
/// </summary>
public sealed class PendingUsage(int capacity)
{
    /// <summary>The default bound: about 100 bytes a charge, so a few megabytes at most.</summary>
    public const int DefaultCapacity = 50_000;

    private readonly Channel<PendingCharge> _queue = Channel.CreateUnbounded<PendingCharge>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private long _taken;
    private long _stored;
    private TaskCompletionSource _progress = NewProgress();

    public int Capacity { get; } = capacity > 0
        ? capacity
        : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The pending usage bound must be positive.");

    /// <summary>Charges taken and not yet stored.</summary>
    public long Count => Volatile.Read(ref _taken) - Volatile.Read(ref _stored);

    /// <summary>Queues <paramref name="charge"/>; false when the bound is reached.</summary>
    public bool TryAdd(UsageEvent charge)
    {
        lock (_gate)
        {
            if (Count >= Capacity)
            {
                return false;
            }

            // Numbered and queued under one lock, so the queue's order is the numbers' order.
            _queue.Writer.TryWrite(new PendingCharge(charge, ++_taken));
            return true;
        }
    }

    /// <summary>Waits for at least one charge, then takes up to <paramref name="maxCount"/>.</summary>
    public async Task<IReadOnlyList<PendingCharge>> TakeAsync(int maxCount, CancellationToken cancellationToken)
    {
        await _queue.Reader.WaitToReadAsync(cancellationToken);
        return TakeAvailable(maxCount);
    }

    /// <summary>Takes up to <paramref name="maxCount"/> charges without waiting (none when the queue is empty).</summary>
    public IReadOnlyList<PendingCharge> TakeAvailable(int maxCount)
    {
        var taken = new List<PendingCharge>();
        while (taken.Count < maxCount && _queue.Reader.TryRead(out var charge))
        {
            taken.Add(charge);
        }

        return taken;
    }

    /// <summary>Records that every charge up to <paramref name="sequence"/> is kept (in the ledger or the outbox).</summary>
    public void MarkStored(long sequence)
    {
        TaskCompletionSource progress;
        lock (_gate)
        {
            _stored = Math.Max(_stored, sequence);
            progress = _progress;
            _progress = NewProgress();
        }

        progress.TrySetResult();
    }

    /// <summary>Waits until every charge taken before this call is stored; false if <paramref name="timeout"/> passes first.</summary>
    public async Task<bool> WaitStoredAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var target = Volatile.Read(ref _taken);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(timeout);
        while (true)
        {
            Task progress;
            lock (_gate)
            {
                if (_stored >= target)
                {
                    return true;
                }

                progress = _progress.Task;
            }

            try
            {
                await progress.WaitAsync(budget.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }
    }

    private static TaskCompletionSource NewProgress() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A charge waiting to be kept, with its place in the queue.</summary>
public sealed record PendingCharge(UsageEvent Charge, long Sequence);
