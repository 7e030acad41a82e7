using System.Diagnostics.Metrics;
using AiNow.Contracts.Telemetry;

namespace AiNow.ServiceDefaults.Telemetry;

/// <summary>
/// What tenants are charged, per tenant and operation: the api counts its requests, the worker its
/// completed batch jobs, both through this one pair of counters so the tags cannot drift apart.
/// </summary>
public sealed class UsageCounters
{
    private readonly Counter<long> _requests;
    private readonly Counter<long> _tokens;

    /// <summary>Creates the counters on the shared meter.</summary>
    public UsageCounters(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _requests = meter.CreateCounter(AiNowMetrics.UsageRequests);
        _tokens = meter.CreateCounter(AiNowMetrics.UsageTokens);
    }

    /// <summary>The tenant tag of <paramref name="tenantId"/>: its id, never a name.</summary>
    public static KeyValuePair<string, object?> TenantTag(Guid tenantId) => new(AiNowMetrics.TenantTag, tenantId.ToString("D"));

    /// <summary>Counts what <paramref name="tenantId"/> was charged for <paramref name="requests"/> requests of <paramref name="operation"/>.</summary>
    public void Charged(Guid tenantId, string operation, int requests, int tokens)
    {
        var tenant = TenantTag(tenantId);
        var tag = new KeyValuePair<string, object?>(AiNowMetrics.OperationTag, operation);
        _requests.Add(requests, tenant, tag);
        _tokens.Add(tokens, tenant, tag);
    }
}
