using AiNow.Contracts.Telemetry;
using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Monitoring.Collector;

namespace AiNow.Publishing.Monitoring;

/// <summary>
/// The OpenTelemetry Collector's own configuration for one environment on one target (the chart's
/// <c>alternateConfig</c>, which replaces the chart's default pipelines instead of merging into them):
/// OTLP in; metrics out on a Prometheus endpoint with every resource attribute as a label (so
/// <c>rollouts.pod_template_hash</c> becomes the label the rollout analysis selects on); traces to the
/// target's tracing service; logs split into application and audit pipelines on the log record's
/// <c>log.type</c> attribute, each to its own destination with its own retention.
/// </summary>
public static class CollectorConfig
{
    /// <summary>The OTLP gRPC port the pods export to.</summary>
    public const int OtlpGrpcPort = 4317;

    /// <summary>The OTLP HTTP port.</summary>
    public const int OtlpHttpPort = 4318;

    /// <summary>The health_check extension's port, which the chart's probes call.</summary>
    public const int HealthCheckPort = 13133;

    /// <summary>The port the collector serves its own metrics on (exporter failures, queue sizes): the chart's <c>metrics</c> port.</summary>
    public const int SelfMetricsPort = 8888;

    /// <summary>The chart's name of <see cref="SelfMetricsPort"/>, which the ServiceMonitor scrapes by.</summary>
    public const string SelfMetricsPortName = "metrics";

    /// <summary>
    /// How long the Prometheus exporter keeps a series nobody updates. Its default (5m) keeps a gone
    /// pod's gauges beside its replacement's, so a <c>max</c> over replicas reads the dead pod's value;
    /// two minutes is several export intervals, so a live series never lapses.
    /// </summary>
    public const string MetricExpiration = "2m";

    /// <summary>The collector's configuration as YAML under the generated header.</summary>
    public static string Render(EnvironmentPlan environment, CloudTarget target) => ManifestYaml.Serialize(Build(environment, target));

    /// <summary>The collector's configuration as a typed model.</summary>
    public static CollectorConfiguration Build(EnvironmentPlan environment, CloudTarget target)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(target);

        var backend = BackendExporters.For(environment, target);
        const string otlp = "otlp";
        const string memoryLimiter = "memory_limiter";
        const string batch = "batch";
        const string health = "health_check";
        const string prometheus = "prometheus";

        var processors = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            // Limits are shares of the container's memory limit: the collector refuses data (the SDKs
            // retry) rather than being killed and losing what it holds.
            [memoryLimiter] = new MemoryLimiterProcessor("1s", LimitPercentage: 80, SpikeLimitPercentage: 25),
            [batch] = new BatchProcessor("5s", SendBatchSize: 1024),
        };
        var exporters = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            [prometheus] = new PrometheusExporter($"0.0.0.0:{TelemetryDestinations.CollectorMetricsPort}", MetricExpiration, new Toggle(Enabled: true)),
            [backend.Traces.Name] = backend.Traces.Settings,
        };
        var pipelines = new SortedDictionary<string, CollectorPipeline>(StringComparer.Ordinal)
        {
            ["metrics"] = new([otlp], [memoryLimiter, batch], [prometheus]),
            ["traces"] = new([otlp], [memoryLimiter, batch], [backend.Traces.Name]),
        };

        foreach (var (logType, exporter) in backend.Logs)
        {
            var filter = $"filter/{logType}-only";
            processors[filter] = LogTypeFilter(logType);
            exporters[exporter.Name] = exporter.Settings;
            pipelines[LogPipeline(logType)] = new([otlp], [memoryLimiter, filter, batch], [exporter.Name]);
        }

        return new CollectorConfiguration
        {
            Extensions = new SortedDictionary<string, object>(StringComparer.Ordinal) { [health] = new HealthCheckExtension($"0.0.0.0:{HealthCheckPort}") },
            Receivers = new SortedDictionary<string, object>(StringComparer.Ordinal)
            {
                [otlp] = new OtlpReceiver(new OtlpProtocols(new ListenEndpoint($"0.0.0.0:{OtlpGrpcPort}"), new ListenEndpoint($"0.0.0.0:{OtlpHttpPort}"))),
            },
            Processors = processors,
            Exporters = exporters,
            Service = new CollectorService([health], pipelines, SelfTelemetry),
        };
    }

    /// <summary>
    /// The collector's own metrics on a pull (Prometheus) reader on every address, so Prometheus sees
    /// exports failing and queues filling: nothing else notices logs or traces no longer arriving.
    /// </summary>
    private static CollectorTelemetry SelfTelemetry { get; } =
        new(new CollectorMetricsTelemetry([new MetricReader(new PullMetricReader(new PullMetricExporter(new PrometheusPullExporter("0.0.0.0", SelfMetricsPort))))]));

    /// <summary>The logs pipeline of one log type (<c>logs/audit</c>).</summary>
    public static string LogPipeline(string logType) => $"logs/{logType}";

    /// <summary>
    /// Keeps only records of <paramref name="logType"/>: the filter drops what its condition matches, so
    /// the audit pipeline drops records not marked audit and the application pipeline drops those that
    /// are. Every record lands in exactly one pipeline, and a record without the attribute is application.
    /// </summary>
    private static LogFilterProcessor LogTypeFilter(string logType)
    {
        var attribute = $"attributes[\"{AuditContract.LogTypeProperty}\"]";
        var condition = logType == TelemetryDestinations.AuditLogType
            ? $"{attribute} != \"{AuditContract.AuditLogType}\""
            : $"{attribute} == \"{AuditContract.AuditLogType}\"";
        return new LogFilterProcessor("ignore", new LogFilterConditions([condition]));
    }
}
