namespace AiNow.Publishing.Kubernetes;

/// <summary>
/// The names both the pods and the rollout analysis rely on, in one place: what each pod exports
/// (service name, its Rollout template hash, how often) and how Prometheus names what it receives.
/// </summary>
internal static class TelemetryContract
{
    /// <summary>ASP.NET Core's <c>http.server.request.duration</c> histogram, as the collector's Prometheus exporter names it (unit <c>s</c> becomes <c>_seconds</c>).</summary>
    public const string RequestDurationMetric = "http_server_request_duration_seconds";

    /// <summary>That histogram's count (probe routes are not recorded: the service defaults disable their metrics).</summary>
    public const string RequestMetric = RequestDurationMetric + "_count";

    /// <summary>The status code label of <see cref="RequestMetric"/>.</summary>
    public const string StatusLabel = "http_response_status_code";

    /// <summary>Prometheus' label for OpenTelemetry's <c>service.name</c>.</summary>
    public const string ServiceLabel = "job";

    /// <summary>The resource attribute carrying the pod's Argo Rollouts template hash (the collector promotes it to a label).</summary>
    public const string PodTemplateHashAttribute = "rollouts.pod_template_hash";

    /// <summary>The label Prometheus gives <see cref="PodTemplateHashAttribute"/>.</summary>
    public const string PodTemplateHashLabel = "rollouts_pod_template_hash";

    /// <summary>The variable holding the pod's name, from the downward API: the pod's <c>service.instance.id</c>.</summary>
    public const string PodNameVariable = "POD_NAME";

    /// <summary>The variable holding the pod's template hash, from the downward API (empty outside Rollouts).</summary>
    public const string PodTemplateHashVariable = "ROLLOUTS_POD_TEMPLATE_HASH";

    /// <summary>How often pods export metrics, in milliseconds: several points in every analysis window (the SDK's default is 60 s).</summary>
    public const int MetricExportIntervalMilliseconds = 15_000;

    /// <summary>
    /// The OpenTelemetry SDK's sampler setting: a request's trace is kept when its root is (the gateway's decision
    /// travels in <c>traceparent</c>, so a kept trace is whole across services), and roots are kept at
    /// <see cref="TraceSampleRatio"/>. Recording and exporting every request's spans cost more CPU than
    /// serving a cached answer; metrics still count every request.
    /// </summary>
    public const string TraceSampler = "parentbased_traceidratio";

    /// <summary>The share of root traces kept (<c>OTEL_TRACES_SAMPLER_ARG</c>); a deployment raises it while investigating.</summary>
    public const string TraceSampleRatio = "0.1";
}
