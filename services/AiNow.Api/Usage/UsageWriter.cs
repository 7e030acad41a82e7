using AiNow.Data;

namespace AiNow.Api.Usage;

/// <summary>
/// Moves <see cref="PendingUsage"/> into the usage ledger, many charges per statement. When the ledger cannot take a
/// batch (PostgreSQL away or hung) the batch goes to <see cref="IUsageOutbox"/> instead, where it outlives this
/// process and <see cref="UsageOutboxDrainer"/> moves it to the ledger once the database is back; for
/// <see cref="LedgerRestAfterFailure"/> after a failure, batches go straight to the outbox rather than wait on the
/// database again. Only when neither takes a batch does it stay in memory, retried with a growing pause (up to
/// <see cref="MaxRetryDelay"/>). The idempotency keys make every retry, and a charge in both places, count once.
/// On shutdown it keeps writing for as long as the host allows and logs what it could not keep.
/// </summary>
public sealed partial class UsageWriter(
    PendingUsage pending, IUsageRecorder ledger, IUsageOutbox outbox, TimeProvider time, ILogger<UsageWriter> logger) : BackgroundService
{
    /// <summary>Most charges written in one statement.</summary>
    public const int MaxBatch = 500;

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>How long after a failed ledger write batches go straight to the outbox.</summary>
    public static readonly TimeSpan LedgerRestAfterFailure = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan s_firstRetryDelay = TimeSpan.FromMilliseconds(250);

    // The batch being written when a stop interrupts the retry pause; the final drain writes it first.
    private IReadOnlyList<PendingCharge> _inHand = [];
    private DateTimeOffset _ledgerRestsUntil = DateTimeOffset.MinValue;
    private bool _ledgerFailing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            _inHand = await pending.TakeAsync(MaxBatch, stoppingToken);
            await KeepAsync(_inHand, stoppingToken);
            _inHand = [];
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await base.StopAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // ExecuteAsync ends by cancellation; what it had in hand is drained below.
        }

        var batch = _inHand.Count > 0 ? _inHand : pending.TakeAvailable(MaxBatch);
        try
        {
            while (batch.Count > 0)
            {
                await KeepAsync(batch, cancellationToken);
                batch = pending.TakeAvailable(MaxBatch);
            }
        }
        catch (OperationCanceledException)
        {
            // Every charge taken and not yet kept, the batch in hand included.
            LogUnstoredAtShutdown(logger, pending.Count);
        }
    }

    /// <summary>Returns once <paramref name="batch"/> is in the ledger or the outbox.</summary>
    private async Task KeepAsync(IReadOnlyList<PendingCharge> batch, CancellationToken cancellationToken)
    {
        var events = batch.Select(pendingCharge => pendingCharge.Charge).ToArray();
        var delay = s_firstRetryDelay;
        for (var failures = 0; ; failures++)
        {
            if (await TryLedgerAsync(events) || await outbox.TryStashAsync(events))
            {
                pending.MarkStored(batch[^1].Sequence);
                if (failures > 0)
                {
                    LogKeptAfterFailures(logger, failures, pending.Count);
                }

                return;
            }

            if (failures == 0)
            {
                LogNowhereToKeep(logger, events.Length);
            }

            await Task.Delay(delay, time, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    private async Task<bool> TryLedgerAsync(UsageEvent[] events)
    {
        if (time.GetUtcNow() < _ledgerRestsUntil)
        {
            return false;
        }

        try
        {
            // Not cancellable: the command timeout bounds it, and a write cut halfway would be retried anyway.
            await ledger.RecordManyAsync(events, CancellationToken.None);
            if (_ledgerFailing)
            {
                LogLedgerBack(logger);
                _ledgerFailing = false;
            }

            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            if (!_ledgerFailing)
            {
                LogLedgerFailed(logger, exception);
                _ledgerFailing = true;
            }

            _ledgerRestsUntil = time.GetUtcNow() + LedgerRestAfterFailure;
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The usage ledger is not taking charges; they go to the Redis outbox until it does")]
    private static partial void LogLedgerFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The usage ledger takes charges again")]
    private static partial void LogLedgerBack(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Neither the usage ledger nor the outbox takes {Count} usage charges; they stay in this process's memory and are retried")]
    private static partial void LogNowhereToKeep(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Usage charges are being kept again after {Failures} failed attempts; {Pending} still pending")]
    private static partial void LogKeptAfterFailures(ILogger logger, int failures, long pending);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Stopping with {Count} usage charges kept nowhere: neither the ledger nor the outbox took them before the shutdown timeout")]
    private static partial void LogUnstoredAtShutdown(ILogger logger, long count);
}
