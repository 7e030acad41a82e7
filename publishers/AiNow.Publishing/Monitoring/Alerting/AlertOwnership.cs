namespace AiNow.Publishing.Monitoring.Alerting;

/// <summary>How urgent an alert is; Alertmanager routes on it.</summary>
public enum AlertSeverity
{
    /// <summary>Users are hurt now or soon: pages in production-grade environments.</summary>
    Critical,

    /// <summary>Needs attention within working hours: a chat message.</summary>
    Warning,

    /// <summary>Context for people looking; never notifies.</summary>
    Info,
}

/// <summary>The teams that own alerts, and the labels alerts carry (<c>severity</c>, <c>team</c>).</summary>
public static class AlertTeams
{
    /// <summary>The label naming the severity.</summary>
    public const string SeverityLabel = "severity";

    /// <summary>The label naming the owning team.</summary>
    public const string TeamLabel = "team";

    /// <summary>Clusters, stores, certificates, the telemetry pipeline.</summary>
    public const string Platform = "platform";

    /// <summary>The AI-Now services: errors, latency, batch work, the upstream LLM.</summary>
    public const string Services = "services";

    /// <summary>Every team, each with its own receivers.</summary>
    public static IReadOnlyList<string> All { get; } = [Platform, Services];

    /// <summary>The <see cref="SeverityLabel"/> value of <paramref name="severity"/>.</summary>
    public static string Label(this AlertSeverity severity) => severity.ToString().ToLowerInvariant();
}
