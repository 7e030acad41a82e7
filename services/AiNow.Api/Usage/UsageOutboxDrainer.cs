using AiNow.Data;

namespace AiNow.Api.Usage;

/// <summary>
/// Moves the charges in <see cref="IUsageOutbox"/> into the usage ledger every <see cref="Interval"/>, whichever api
/// replica stashed them, so what was charged during a database outage is in the ledger within about a second of its
/// return, even if the replica that took the charges is gone. Every replica drains: two taking the same charges is
/// harmless, as the ledger skips an idempotency key it already holds and the outbox entry is removed only after.
/// </summary>
public sealed partial class UsageOutboxDrainer(
    IUsageOutbox outbox, IUsageRecorder ledger, TimeProvider time, ILogger<UsageOutboxDrainer> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var moved = await DrainAsync(stoppingToken);
                if (moved > 0)
                {
                    LogDrained(logger, moved);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Redis or the database is away; the charges wait where they are. Logged once per outage.
                if (!_failing)
                {
                    LogDrainFailed(logger, exception);
                }

                _failing = true;
            }
        }
    }

    /// <summary>Moves everything in the outbox to the ledger; returns how many charges it moved.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var moved = 0;
        while (true)
        {
            var charges = await outbox.PeekAsync(UsageWriter.MaxBatch, cancellationToken);
            if (charges.Count == 0)
            {
                // The outbox answered: an outage of Redis is over.
                _failing = false;
                return moved;
            }

            // Not cancellable: the command timeout bounds it, and the outbox keeps the charges until it has answered.
            await ledger.RecordManyAsync(charges, CancellationToken.None);
            await outbox.RemoveAsync(charges, cancellationToken);

            // Moved: whatever failed before has recovered, so a failure from here on is a new outage, logged again,
            // even within this pass (charges stashed as the ledger fails again are peeked before it ends).
            _failing = false;
            moved += charges.Count;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Count} usage charges from the outbox to the ledger")]
    private static partial void LogDrained(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Could not move the usage outbox to the ledger; its charges stay there and are tried again every second")]
    private static partial void LogDrainFailed(ILogger logger, Exception exception);
}
