using AiNow.Api.Telemetry;
using AiNow.Data;

namespace AiNow.Api.Usage;

/// <summary>Charges a tenant for one request: a row in the usage ledger plus the usage metrics.</summary>
public interface IUsageMeter
{
    /// <summary>Records one request of <paramref name="operation"/> costing <paramref name="tokens"/>.</summary>
    Task RecordAsync(Guid tenantId, string operation, int tokens);
}

/// <summary><see cref="IUsageMeter"/> on <see cref="UsageLedger"/>.</summary>
public sealed class UsageMeter(UsageLedger ledger, ApiMetrics metrics) : IUsageMeter
{
    public const string Embeddings = "embeddings";
    public const string ChatCompletions = "chat.completions";

    // Not cancellable on purpose: once the work is done it is charged, even if the client hung up meanwhile.
    public async Task RecordAsync(Guid tenantId, string operation, int tokens)
    {
        var charged = Math.Max(0, tokens);
        await ledger.RecordAsync(tenantId, operation, 1, charged, null, null, CancellationToken.None);
        metrics.Charged(tenantId, operation, 1, charged);
    }
}
