using System.Text.Json.Serialization;

namespace AiNow.Publishing.Monitoring.Collector;

/// <summary>
/// The OpenTelemetry Collector's configuration file: components by name (<c>type/name</c>) and the
/// pipelines that join them. Component settings are typed records whose keys are the collector's own
/// (each record names the <c>config.go</c> it follows), so an unknown key cannot be written. The
/// publishing tests check every written key against the fields of the pinned collector version
/// (<c>validation/fixtures/otelcol/components-&lt;version&gt;.json</c>): a new key goes there too, with the file it was read from.
/// </summary>
public sealed record CollectorConfiguration
{
    /// <summary>Extensions by name.</summary>
    public required IReadOnlyDictionary<string, object> Extensions { get; init; }

    /// <summary>Receivers by name.</summary>
    public required IReadOnlyDictionary<string, object> Receivers { get; init; }

    /// <summary>Processors by name.</summary>
    public required IReadOnlyDictionary<string, object> Processors { get; init; }

    /// <summary>Exporters by name.</summary>
    public required IReadOnlyDictionary<string, object> Exporters { get; init; }

    /// <summary>The extensions started and the pipelines run.</summary>
    public required CollectorService Service { get; init; }
}

/// <summary>The collector's <c>service</c> section (service/config.go).</summary>
/// <param name="Extensions">The extensions started.</param>
/// <param name="Pipelines">Pipelines by name (<c>traces</c>, <c>logs/audit</c>).</param>
/// <param name="Telemetry">The collector's own telemetry.</param>
public sealed record CollectorService(IReadOnlyList<string> Extensions, IReadOnlyDictionary<string, CollectorPipeline> Pipelines, CollectorTelemetry Telemetry);

/// <summary>The <c>service.telemetry</c> section (service/telemetry/config.go at collector 0.128).</summary>
/// <param name="Metrics">The collector's own metrics.</param>
public sealed record CollectorTelemetry(CollectorMetricsTelemetry Metrics);

/// <summary><c>service.telemetry.metrics</c>: an OpenTelemetry configuration MeterProvider (otelconf v0.3.0, squashed into the collector's MetricsConfig).</summary>
/// <param name="Readers">How the metrics leave the collector.</param>
public sealed record CollectorMetricsTelemetry(IReadOnlyList<MetricReader> Readers);

/// <summary>One metric reader (otelconf <c>MetricReader</c>).</summary>
/// <param name="Pull">A reader that is scraped.</param>
public sealed record MetricReader(PullMetricReader Pull);

/// <summary>A pull reader (otelconf <c>PullMetricReader</c>).</summary>
/// <param name="Exporter">Its exporter.</param>
public sealed record PullMetricReader(PullMetricExporter Exporter);

/// <summary>A pull reader's exporter (otelconf <c>PullMetricExporter</c>).</summary>
/// <param name="Prometheus">A Prometheus endpoint.</param>
public sealed record PullMetricExporter(PrometheusPullExporter Prometheus);

/// <summary>The Prometheus endpoint of a pull reader (otelconf <c>Prometheus</c>): counters get <c>_total</c>, brace units are dropped.</summary>
/// <param name="Host">The address it listens on.</param>
/// <param name="Port">The port it listens on.</param>
public sealed record PrometheusPullExporter(string Host, int Port);

/// <summary>One pipeline: where data enters, what changes it, where it leaves.</summary>
/// <param name="Receivers">Receiver names.</param>
/// <param name="Processors">Processor names, in order.</param>
/// <param name="Exporters">Exporter names.</param>
public sealed record CollectorPipeline(IReadOnlyList<string> Receivers, IReadOnlyList<string> Processors, IReadOnlyList<string> Exporters);

/// <summary>A <c>host:port</c> a component listens on.</summary>
/// <param name="Endpoint">The address.</param>
public sealed record ListenEndpoint(string Endpoint);

/// <summary>The <c>otlp</c> receiver (receiver/otlpreceiver/config.go).</summary>
/// <param name="Protocols">gRPC and HTTP listeners.</param>
public sealed record OtlpReceiver(OtlpProtocols Protocols);

/// <summary>The OTLP receiver's protocols.</summary>
/// <param name="Grpc">The gRPC listener.</param>
/// <param name="Http">The HTTP listener.</param>
public sealed record OtlpProtocols(ListenEndpoint Grpc, ListenEndpoint Http);

/// <summary>The <c>memory_limiter</c> processor (processor/memorylimiterprocessor, internal/memorylimiter/config.go).</summary>
/// <param name="CheckInterval">How often memory is measured.</param>
/// <param name="LimitPercentage">The hard limit, as a share of the container's memory limit.</param>
/// <param name="SpikeLimitPercentage">The headroom kept below the hard limit.</param>
public sealed record MemoryLimiterProcessor(
    [property: JsonPropertyName("check_interval")] string CheckInterval,
    [property: JsonPropertyName("limit_percentage")] int LimitPercentage,
    [property: JsonPropertyName("spike_limit_percentage")] int SpikeLimitPercentage);

/// <summary>The <c>batch</c> processor (processor/batchprocessor/config.go).</summary>
/// <param name="Timeout">How long a batch waits to fill.</param>
/// <param name="SendBatchSize">The size that sends a batch at once.</param>
public sealed record BatchProcessor(
    string Timeout,
    [property: JsonPropertyName("send_batch_size")] int SendBatchSize);

/// <summary>The <c>filter</c> processor on logs (processor/filterprocessor/config.go): records matching any condition are dropped.</summary>
/// <param name="ErrorMode">What a condition that fails to evaluate does (<c>ignore</c>, <c>propagate</c>).</param>
/// <param name="Logs">The log conditions.</param>
public sealed record LogFilterProcessor(
    [property: JsonPropertyName("error_mode")] string ErrorMode,
    LogFilterConditions Logs);

/// <summary>OTTL conditions on log records.</summary>
/// <param name="LogRecord">Conditions in the log record context.</param>
public sealed record LogFilterConditions([property: JsonPropertyName("log_record")] IReadOnlyList<string> LogRecord);

/// <summary>The <c>health_check</c> extension (extension/healthcheckextension/config.go), which the chart's probes call.</summary>
/// <param name="Endpoint">The address it answers on.</param>
public sealed record HealthCheckExtension(string Endpoint);

/// <summary>A switch (<c>enabled: true</c>).</summary>
/// <param name="Enabled">On or off.</param>
public sealed record Toggle(bool Enabled);

/// <summary>The <c>prometheus</c> exporter (exporter/prometheusexporter/config.go).</summary>
/// <param name="Endpoint">Where Prometheus scrapes it.</param>
/// <param name="MetricExpiration">How long a series nobody updates is kept.</param>
/// <param name="ResourceToTelemetryConversion">On: every resource attribute becomes a label of every series.</param>
public sealed record PrometheusExporter(
    string Endpoint,
    [property: JsonPropertyName("metric_expiration")] string MetricExpiration,
    [property: JsonPropertyName("resource_to_telemetry_conversion")] Toggle ResourceToTelemetryConversion);

/// <summary>The <c>awscloudwatchlogs</c> exporter (exporter/awscloudwatchlogsexporter/config.go; <c>region</c> from internal/aws/awsutil).</summary>
/// <param name="Region">The log group's region.</param>
/// <param name="LogGroupName">The log group.</param>
/// <param name="LogStreamName">The log stream in it.</param>
public sealed record CloudWatchLogsExporter(
    string Region,
    [property: JsonPropertyName("log_group_name")] string LogGroupName,
    [property: JsonPropertyName("log_stream_name")] string LogStreamName);

/// <summary>The <c>awsxray</c> exporter (exporter/awsxrayexporter/config.go; <c>region</c> from internal/aws/awsutil).</summary>
/// <param name="Region">The X-Ray region.</param>
public sealed record XRayExporter(string Region);

/// <summary>The <c>googlecloud</c> exporter (exporter/googlecloudexporter/config.go, collector settings of GoogleCloudPlatform/opentelemetry-operations-go).</summary>
/// <param name="Project">The project written to.</param>
/// <param name="Log">Log settings, or null for an exporter of traces only.</param>
public sealed record GoogleCloudExporter(string Project, GoogleCloudLogSettings? Log = null);

/// <summary>The googlecloud exporter's <c>log</c> section.</summary>
/// <param name="DefaultLogName">The log name of records that carry none.</param>
public sealed record GoogleCloudLogSettings([property: JsonPropertyName("default_log_name")] string DefaultLogName);

/// <summary>The <c>otlphttp</c> exporter (exporter/otlphttpexporter/config.go, confighttp client settings).</summary>
/// <param name="Endpoint">The base address; <c>/v1/logs</c> and the like are appended.</param>
/// <param name="Headers">Headers sent with every request.</param>
public sealed record OtlpHttpExporter(string Endpoint, IReadOnlyDictionary<string, string> Headers);

/// <summary>The <c>otlp</c> (gRPC) exporter (exporter/otlpexporter/config.go, configgrpc client settings).</summary>
/// <param name="Endpoint">The <c>host:port</c>.</param>
/// <param name="Tls">TLS settings.</param>
public sealed record OtlpGrpcExporter(string Endpoint, ClientTls Tls);

/// <summary>configtls client settings.</summary>
/// <param name="Insecure">True for plain text inside the cluster.</param>
public sealed record ClientTls(bool Insecure);
