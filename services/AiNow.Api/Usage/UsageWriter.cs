using AiNow.Data;

namespace AiNow.Api.Usage;

/// <summary>
/// Moves <see cref="PendingUsage"/> into the usage ledger, many charges per statement. A failed write is
/// retried (with a growing pause, up to <see cref="MaxRetryDelay"/>) until the database takes it, so charges
/// taken while PostgreSQL is away are stored when it returns; the idempotency keys make a retry after a lost
/// answer count once. On shutdown it keeps writing for as long as the host allows and logs what it could not
/// store (the charges of this replica that only lived in its memory).
/// </summary>
public sealed partial class UsageWriter(PendingUsage pending, UsageLedger ledger, ILogger<UsageWriter> logger) : BackgroundService
{
    /// <summary>Most charges written in one statement.</summary>
    public const int MaxBatch = 500;

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan s_firstRetryDelay = TimeSpan.FromMilliseconds(250);

    // The batch being written when a stop interrupts the retry pause; the final drain writes it first.
    private IReadOnlyList<PendingCharge> _inHand = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            _inHand = await pending.TakeAsync(MaxBatch, stoppingToken);
            await WriteUntilStoredAsync(_inHand, stoppingToken);
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
                await WriteUntilStoredAsync(batch, cancellationToken);
                batch = pending.TakeAvailable(MaxBatch);
            }
        }
        catch (OperationCanceledException)
        {
            LogUnstoredAtShutdown(logger, batch.Count + pending.Count);
        }
    }

    private async Task WriteUntilStoredAsync(IReadOnlyList<PendingCharge> batch, CancellationToken cancellationToken)
    {
        var events = batch.Select(pendingCharge => pendingCharge.Charge).ToArray();
        var delay = s_firstRetryDelay;
        for (var failures = 0; ; failures++)
        {
            try
            {
                // Not cancellable: the command timeout bounds it, and a write cut halfway would be retried anyway.
                await ledger.RecordManyAsync(events, CancellationToken.None);
                pending.MarkStored(batch[^1].Sequence);
                if (failures > 0)
                {
                    LogStoredAfterFailures(logger, failures, pending.Count);
                }

                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                if (failures == 0)
                {
                    LogWriteFailed(logger, exception, events.Length);
                }

                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Could not write {Count} usage charges to the ledger; they stay pending and are retried until the database takes them")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Usage charges are being stored again after {Failures} failed attempts; {Pending} still pending")]
    private static partial void LogStoredAfterFailures(ILogger logger, int failures, long pending);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Stopping with {Count} usage charges not stored: the database did not take them before the shutdown timeout")]
    private static partial void LogUnstoredAtShutdown(ILogger logger, long count);
}
