namespace AiNow.Data;

/// <summary>
/// Where usage charges end up, each counted once by its idempotency key: the usage ledger. What the write-behind
/// and the outbox drainer need of it, so their scheduling can be tested against a ledger that fails on cue.
/// </summary>
public interface IUsageRecorder
{
    /// <summary>Records <paramref name="events"/> in one statement, skipping keys already recorded; returns how many were new.</summary>
    Task<int> RecordManyAsync(IReadOnlyList<UsageEvent> events, CancellationToken cancellationToken);
}
