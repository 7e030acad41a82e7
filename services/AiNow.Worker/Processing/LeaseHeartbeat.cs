using AiNow.Data;

namespace AiNow.Worker.Processing;

/// <summary>
/// Keeps a claimed job's lease alive while an attempt runs, so one slow inference call does not
/// let the lease lapse and hand a healthy job to another worker. Renews every third of the lease;
/// when a renewal finds the lease gone (another worker owns the job now) it cancels the attempt.
/// </summary>
internal sealed class LeaseHeartbeat : IAsyncDisposable
{
    private readonly CancellationTokenSource _attempt;
    private readonly Task _renewals;

    public LeaseHeartbeat(BatchJobStore store, Guid jobId, string workerId, TimeSpan lease, TimeProvider timeProvider, CancellationToken stopping)
    {
        _attempt = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _renewals = RenewUntilStoppedAsync(store, jobId, workerId, lease, timeProvider);
    }

    /// <summary>Cancelled when the worker stops or the lease is lost.</summary>
    public CancellationToken Token => _attempt.Token;

    /// <summary>True once a renewal found that this worker no longer holds the lease.</summary>
    public bool LeaseLost { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _attempt.CancelAsync();
        await _renewals;
        _attempt.Dispose();
    }

    private async Task RenewUntilStoppedAsync(BatchJobStore store, Guid jobId, string workerId, TimeSpan lease, TimeProvider timeProvider)
    {
        using var timer = new PeriodicTimer(lease / 3, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(_attempt.Token))
            {
                bool renewed;
                try
                {
                    renewed = await store.RenewLeaseAsync(jobId, workerId, lease, _attempt.Token);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // A database blip: the next tick tries again, and completion checks the lease anyway.
                    continue;
                }

                if (!renewed)
                {
                    LeaseLost = true;
                    await _attempt.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The attempt ended or the worker is stopping.
        }
    }
}
