using System.Diagnostics.Metrics;
using AiNow.Contracts.Telemetry;
using AiNow.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Logging;

namespace AiNow.ServiceDefaults.Audit;

/// <summary>
/// Writes audit events under their own logger category, marked with <see cref="AuditContract.LogTypeProperty"/>
/// so the collector routes them to the audit destination and its retention, and counts them on
/// <see cref="AiNowMetrics.AuditEvents"/> so spikes of refusals can alert.
/// </summary>
public sealed partial class AuditLog
{
    private static readonly KeyValuePair<string, object?>[] s_auditScope = [new(AuditContract.LogTypeProperty, AuditContract.AuditLogType)];

    private readonly ILogger _logger;
    private readonly Counter<long> _events;

    /// <summary>Creates the audit log on its own category and counter.</summary>
    public AuditLog(ILoggerFactory loggerFactory, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _logger = loggerFactory.CreateLogger(AuditContract.Category);
        _events = meterFactory.CreateAiNowMeter().CreateCounter(AiNowMetrics.AuditEvents);
    }

    /// <summary>Writes one audit event.</summary>
    public void Write(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var tenant = auditEvent.TenantId?.ToString("D") ?? "none";
        using (_logger.BeginScope(s_auditScope))
        {
            Audited(_logger, auditEvent.Action, auditEvent.Outcome, auditEvent.Actor, tenant, auditEvent.SourceAddress ?? "unknown", auditEvent.Detail ?? "");
        }

        _events.Add(1,
            new KeyValuePair<string, object?>("action", auditEvent.Action),
            new KeyValuePair<string, object?>(AiNowMetrics.OutcomeTag, auditEvent.Outcome));
    }

    [LoggerMessage(EventId = 9000, EventName = "Audit", Level = LogLevel.Information,
        Message = "Audit {AuditAction} {AuditOutcome} by {AuditActor} for tenant {TenantId} from {SourceAddress} {AuditDetail}")]
    private static partial void Audited(ILogger logger, string auditAction, string auditOutcome, string auditActor, string tenantId, string sourceAddress, string auditDetail);
}
