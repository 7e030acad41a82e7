using AiNow.Publishing.Model;

namespace AiNow.Publishing.Monitoring.Rules;

/// <summary>
/// The numbers alerts compare against, per kind of environment: customer-serving environments are
/// held to the objectives; the others alert later and looser (and never page: see AlertmanagerConfig).
/// </summary>
/// <param name="ErrorRatio">Share of 5xx responses per service that alerts.</param>
/// <param name="P99LatencySeconds">p99 request duration per service that alerts.</param>
/// <param name="Saturation">Share of a container's CPU or memory limit in use that alerts.</param>
/// <param name="RestartsPerHour">Container restarts in an hour that alert.</param>
/// <param name="BatchBacklog">Queued batch jobs that alert.</param>
/// <param name="BatchAgeSeconds">Age of the oldest queued batch job that alerts.</param>
/// <param name="UpstreamErrorRatio">Share of failed upstream chat completions that alerts.</param>
/// <param name="UpstreamP99Seconds">p99 upstream LLM latency that alerts.</param>
/// <param name="AvailabilityObjective">The public API's availability SLO (share of non-5xx responses over 30 days).</param>
/// <param name="LatencyObjective">The public API's latency SLO (share of requests faster than <paramref name="LatencyThresholdSeconds"/>).</param>
/// <param name="LatencyThresholdSeconds">The latency SLO's bound; one of ASP.NET Core's histogram bucket bounds.</param>
public sealed record AlertThresholds(
    double ErrorRatio,
    double P99LatencySeconds,
    double Saturation,
    int RestartsPerHour,
    int BatchBacklog,
    int BatchAgeSeconds,
    double UpstreamErrorRatio,
    double UpstreamP99Seconds,
    double AvailabilityObjective,
    double LatencyObjective,
    double LatencyThresholdSeconds)
{
    /// <summary>Customer-serving environments.</summary>
    public static AlertThresholds ProductionGrade { get; } = new(0.02, 2.5, 0.9, 3, 500, 900, 0.05, 30, 0.999, 0.99, 10);

    /// <summary>Development and rehearsal environments: fewer, later alerts.</summary>
    public static AlertThresholds Relaxed { get; } = new(0.10, 5, 0.95, 6, 2000, 3600, 0.20, 60, 0.99, 0.95, 10);

    /// <summary>The thresholds of <paramref name="environment"/>.</summary>
    public static AlertThresholds For(EnvironmentPlan environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.ProductionGrade ? ProductionGrade : Relaxed;
    }
}
