using System.Collections.Immutable;

namespace AiNow.Contracts.Telemetry;

/// <summary>
/// Every business metric the services publish, in one place: the services create their instruments
/// from these definitions, and the published alerts, dashboards and rollout analyses are written
/// against their Prometheus names, so an alert can only name a metric that is really emitted.
/// </summary>
public static class AiNowMetrics
{
    /// <summary>The meter every AI-Now service publishes its own metrics on.</summary>
    public const string MeterName = "AiNow";

    /// <summary>The tenant tag: a tenant's id, never a key or a name.</summary>
    public const string TenantTag = "tenant";

    /// <summary>The operation tag (<c>embeddings</c>, <c>chat</c>, <c>batch</c>).</summary>
    public const string OperationTag = "operation";

    /// <summary>The outcome tag.</summary>
    public const string OutcomeTag = "outcome";

    /// <summary>Requests charged to tenants.</summary>
    public static MetricDefinition UsageRequests { get; } = new(
        "ainow.usage.requests", InstrumentKind.Counter, "{request}", "Requests charged to tenants, by tenant and operation.", [TenantTag, OperationTag]);

    /// <summary>Tokens charged to tenants.</summary>
    public static MetricDefinition UsageTokens { get; } = new(
        "ainow.usage.tokens", InstrumentKind.Counter, "{token}", "Tokens charged to tenants, by tenant and operation.", [TenantTag, OperationTag]);

    /// <summary>Embedding requests answered from the cache.</summary>
    public static MetricDefinition EmbeddingCacheHits { get; } = new(
        "ainow.embeddings.cache.hits", InstrumentKind.Counter, "{request}", "Embedding requests answered from the cache.", []);

    /// <summary>Embedding requests sent on to inference.</summary>
    public static MetricDefinition EmbeddingCacheMisses { get; } = new(
        "ainow.embeddings.cache.misses", InstrumentKind.Counter, "{request}", "Embedding requests sent to inference.", []);

    /// <summary>Requests the gateway answered itself.</summary>
    public static MetricDefinition GatewayRejected { get; } = new(
        "ainow.gateway.requests.rejected", InstrumentKind.Counter, "{request}", "Requests the gateway answered itself, by reason.", ["reason"]);

    /// <summary>Tenant requests refused for exceeding the limit.</summary>
    public static MetricDefinition GatewayRateLimited { get; } = new(
        "ainow.gateway.requests.rate_limited", InstrumentKind.Counter, "{request}", "Tenant requests refused with 429 for exceeding the per-minute limit, by tenant.", [TenantTag]);

    /// <summary>Requests let through uncounted because the rate-limit store failed.</summary>
    public static MetricDefinition RateLimitStoreFailures { get; } = new(
        "ainow.gateway.rate_limit.store_failures", InstrumentKind.Counter, "{request}", "Requests let through uncounted because the rate-limit store failed.", []);

    /// <summary>API key cache lookups.</summary>
    public static MetricDefinition KeyCacheLookups { get; } = new(
        "ainow.gateway.key_cache.lookups", InstrumentKind.Counter, "{lookup}", "API key cache lookups, by result (hit or miss).", ["result"]);

    /// <summary>Batch jobs accepted.</summary>
    public static MetricDefinition BatchJobsSubmitted { get; } = new(
        "ainow.batch.jobs.submitted", InstrumentKind.Counter, "{job}", "Batch jobs accepted and queued, by tenant.", [TenantTag]);

    /// <summary>Batch jobs whose results were stored.</summary>
    public static MetricDefinition BatchJobsCompleted { get; } = new(
        "ainow.batch.jobs.completed", InstrumentKind.Counter, "{job}", "Batch jobs whose results were stored.", []);

    /// <summary>Failed batch job attempts.</summary>
    public static MetricDefinition BatchJobsFailed { get; } = new(
        "ainow.batch.jobs.failed", InstrumentKind.Counter, "{attempt}", "Failed batch job attempts; outcome=retrying|deferred|failed|lease_lost.", [OutcomeTag]);

    /// <summary>Time to process one claimed batch job.</summary>
    public static MetricDefinition BatchJobDuration { get; } = new(
        "ainow.batch.job.duration", InstrumentKind.Histogram, "s", "Time to process one claimed batch job, by outcome.", [OutcomeTag])
    {
        Buckets = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
    };

    /// <summary>Batch jobs by state, read from the queue.</summary>
    public static MetricDefinition BatchJobs { get; } = new(
        "ainow.batch.jobs", InstrumentKind.Gauge, "{job}", "Batch jobs in the queue by state (queued, running), as the worker last read them.", ["state"]);

    /// <summary>Age of the oldest queued batch job.</summary>
    public static MetricDefinition BatchOldestQueuedAge { get; } = new(
        "ainow.batch.oldest_queued.age", InstrumentKind.Gauge, "s", "Age of the oldest batch job waiting to be claimed (0 when none waits).", []);

    /// <summary>Embedding requests answered by inference.</summary>
    public static MetricDefinition InferenceEmbeddings { get; } = new(
        "ainow.inference.embeddings", InstrumentKind.Counter, "{request}", "Embedding requests answered.", []);

    /// <summary>Texts turned into vectors.</summary>
    public static MetricDefinition InferenceTexts { get; } = new(
        "ainow.inference.embeddings.texts", InstrumentKind.Counter, "{text}", "Texts turned into vectors.", []);

    /// <summary>Tokens the embedding model processed.</summary>
    public static MetricDefinition InferenceTokens { get; } = new(
        "ainow.inference.embeddings.tokens", InstrumentKind.Counter, "{token}", "Tokens the embedding model processed.", []);

    /// <summary>Time the embedding model spent on one request's texts.</summary>
    public static MetricDefinition EncodeDuration { get; } = new(
        "ainow.inference.embeddings.encode.duration", InstrumentKind.Histogram, "s", "Time the embedding model spent on one request's texts, by batch size.", ["texts"])
    {
        Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    };

    /// <summary>Chat completion requests by outcome.</summary>
    public static MetricDefinition ChatCompletions { get; } = new(
        "ainow.inference.chat.completions", InstrumentKind.Counter, "{request}", "Chat completion requests, by outcome (the upstream status code, not_configured, unreachable or timeout).", [OutcomeTag]);

    /// <summary>Upstream LLM call latency.</summary>
    public static MetricDefinition UpstreamDuration { get; } = new(
        "ainow.upstream.duration", InstrumentKind.Histogram, "s", "Time the upstream LLM took to answer (headers received), by outcome.", [OutcomeTag])
    {
        Buckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120],
    };

    /// <summary>Audit events written.</summary>
    public static MetricDefinition AuditEvents { get; } = new(
        "ainow.audit.events", InstrumentKind.Counter, "{event}", "Audit events written, by action and outcome.", ["action", OutcomeTag]);

    /// <summary>Health check status.</summary>
    public static MetricDefinition HealthStatus { get; } = new(
        "ainow.health.status", InstrumentKind.Gauge, "1", "Status of each health check, including those readiness leaves out: 1 healthy, 0.5 degraded, 0 unhealthy.", ["check"]);

    /// <summary>Every definition, in the order above.</summary>
    public static ImmutableArray<MetricDefinition> All { get; } =
    [
        UsageRequests, UsageTokens, EmbeddingCacheHits, EmbeddingCacheMisses,
        GatewayRejected, GatewayRateLimited, RateLimitStoreFailures, KeyCacheLookups,
        BatchJobsSubmitted, BatchJobsCompleted, BatchJobsFailed, BatchJobDuration, BatchJobs, BatchOldestQueuedAge,
        InferenceEmbeddings, InferenceTexts, InferenceTokens, EncodeDuration, ChatCompletions, UpstreamDuration,
        AuditEvents, HealthStatus,
    ];
}
