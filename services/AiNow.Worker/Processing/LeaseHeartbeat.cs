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

    /// <param name="renew">Renews the lease for another <paramref name="lease"/>; false when this worker no longer holds it.</param>
    /// <param name="lease">How long a renewal lasts; renewals run every third of it.</param>
    /// <param name="timeProvider">The clock the renewals follow.</param>
    /// <param name="stopping">The worker's stopping token.</param>
    public LeaseHeartbeat(Func<CancellationToken, Task<bool>> renew, TimeSpan lease, TimeProvider timeProvider, CancellationToken stopping)
    {
        _attempt = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _renewals = RenewUntilStoppedAsync(renew, lease, timeProvider);
    }

    /// <summary>Cancelled when the worker stops or the lease is lost.</summary>
    public CancellationToken Token => _attempt.Token;

    /// <summary>True once a renewal found that this worker no longer holds the lease.</summary>
    public bool LeaseLost { get; private set; }

    /// <summary>Ends the renewals and returns once none is running, so nothing touches the job after the attempt.</summary>
    public async ValueTask DisposeAsync()
    {
        await _attempt.CancelAsync();
        await _renewals;
        _attempt.Dispose();
    }

    private async Task RenewUntilStoppedAsync(Func<CancellationToken, Task<bool>> renew, TimeSpan lease, TimeProvider timeProvider)
    {
        using var timer = new PeriodicTimer(lease / 3, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(_attempt.Token))
            {
                bool renewed;
                try
                {
                    renewed = await renew(_attempt.Token);
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
