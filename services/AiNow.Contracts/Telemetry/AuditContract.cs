namespace AiNow.Contracts.Telemetry;

/// <summary>
/// How audit events are told apart from application logs all the way to their sink: the services
/// write them under one logger category with one marker property, and the collector routes on it to
/// the audit destination with its own retention.
/// </summary>
public static class AuditContract
{
    /// <summary>The logger category (Serilog source context) of every audit event.</summary>
    public const string Category = "AiNow.Audit";

    /// <summary>The property (a log record attribute over OTLP, a JSON field on stdout) marking the log type.</summary>
    public const string LogTypeProperty = "log.type";

    /// <summary>The value of <see cref="LogTypeProperty"/> on audit events (application logs carry none).</summary>
    public const string AuditLogType = "audit";
}
