using System.Diagnostics;
using AiNow.Contracts.Telemetry;

namespace AiNow.ServiceDefaults.Telemetry;

/// <summary>
/// The tenant as a log scope property and a span attribute, so every log line and the request's span
/// can be filtered by tenant. Only the tenant's id: never a key or a name a tenant chose.
/// </summary>
public static class TenantLogScope
{
    /// <summary>Tags the current span and returns the scope state for <c>ILogger.BeginScope</c>.</summary>
    public static IReadOnlyList<KeyValuePair<string, object?>> For(Guid tenantId)
    {
        var tenant = tenantId.ToString("D");
        Activity.Current?.SetTag(SpanAttributes.Tenant, tenant);
        return [new(AiNowMetrics.TenantTag, tenant)];
    }
}
