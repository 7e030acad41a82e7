using AiNow.Data;

namespace AiNow.Api.Usage;

/// <summary>
/// Durable storage, apart from the database, for charges the usage ledger could not take, so they outlive the api
/// replica that took them. Keyed by idempotency key: stashing a charge twice keeps it once, and a charge both stashed
/// and written to the ledger is counted once when it is moved there.
/// </summary>
public interface IUsageOutbox
{
    /// <summary>Keeps every one of <paramref name="charges"/>, all or none; false when the outbox could not be reached.</summary>
    Task<bool> TryStashAsync(IReadOnlyList<UsageEvent> charges);

    /// <summary>Up to <paramref name="maxCount"/> stashed charges, in no particular order; throws when unreachable.</summary>
    Task<IReadOnlyList<UsageEvent>> PeekAsync(int maxCount, CancellationToken cancellationToken);

    /// <summary>Forgets <paramref name="charges"/> once the ledger holds them; throws when unreachable.</summary>
    Task RemoveAsync(IReadOnlyList<UsageEvent> charges, CancellationToken cancellationToken);
}
