using AiNow.Api.Telemetry;
using AiNow.Data;

namespace AiNow.Api.Usage;

/// <summary>Charges a tenant for one request: a usage event for the ledger plus the usage metrics.</summary>
public interface IUsageMeter
{
    /// <summary>Records one request of <paramref name="operation"/> costing <paramref name="tokens"/>.</summary>
    Task RecordAsync(Guid tenantId, string operation, int tokens);
}

/// <summary>
/// <see cref="IUsageMeter"/> that queues each charge in <see cref="PendingUsage"/> for <see cref="UsageWriter"/>,
/// so a request that was served (a cached answer, say) is not held up or failed by a slow or absent database.
/// When the queue is full the charge is written through, and a database failure then fails the request: a
/// request is never served without its charge being kept somewhere.
/// </summary>
public sealed class UsageMeter(PendingUsage pending, UsageLedger ledger, ApiMetrics metrics) : IUsageMeter
{
    public const string Embeddings = "embeddings";
    public const string ChatCompletions = "chat.completions";

    // Not cancellable on purpose: once the work is done it is charged, even if the client hung up meanwhile.
    public async Task RecordAsync(Guid tenantId, string operation, int tokens)
    {
        var charge = new UsageEvent(tenantId, operation, Requests: 1, Tokens: Math.Max(0, tokens), $"request:{Guid.CreateVersion7():N}");
        if (!pending.TryAdd(charge))
        {
            await ledger.RecordManyAsync([charge], CancellationToken.None);
        }

        metrics.Charged(tenantId, operation, charge.Requests, charge.Tokens);
    }
}
