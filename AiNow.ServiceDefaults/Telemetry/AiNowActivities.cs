using System.Diagnostics;
using AiNow.Contracts.Telemetry;

namespace AiNow.ServiceDefaults.Telemetry;

/// <summary>
/// The services' own spans, on the <see cref="AiNowMetrics.MeterName"/> source that the tracing setup
/// listens to, and the hand-over of a trace across the batch queue: the request that queues a job
/// stores its <c>traceparent</c>, and the worker's processing continues that trace.
/// </summary>
public static class AiNowActivities
{
    /// <summary>The source of the services' own spans.</summary>
    public static ActivitySource Source { get; } = new(AiNowMetrics.MeterName);

    /// <summary>The current span's W3C <c>traceparent</c>, or null when there is none (or it is not W3C).</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>
    /// Starts a span continuing the trace of <paramref name="traceParent"/> (a new trace when it is null or
    /// malformed: a bad stored value must never stop the work it describes).
    /// </summary>
    public static Activity? StartContinuing(string name, ActivityKind kind, string? traceParent) =>
        Source.StartActivity(name, kind, ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent) ? parent : default);
}
