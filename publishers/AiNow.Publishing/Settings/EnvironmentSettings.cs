using AiNow.Publishing.Model;

namespace AiNow.Publishing.Settings;

/// <summary>One environment: where it runs and how big it is.</summary>
public sealed record EnvironmentSettings
{
    /// <summary>dev, staging, production: a DNS label.</summary>
    public required string Name { get; init; }

    /// <summary>The targets: any of the clouds, each getting a complete stack.</summary>
    public IReadOnlyList<Cloud> Clouds { get; init; } = [Cloud.Aws, Cloud.Gcp, Cloud.DigitalOcean, Cloud.OnPrem];

    /// <summary>The region per cloud; clouds not listed use their profile's default region.</summary>
    public IReadOnlyDictionary<Cloud, string> Regions { get; init; } = new Dictionary<Cloud, string>();

    /// <summary>
    /// The target holding the system of record (PostgreSQL) when stores are managed; the other
    /// targets reach it across the private interconnect. Null: the first of <see cref="Clouds"/>.
    /// </summary>
    public Cloud? PrimaryCloud { get; init; }

    /// <summary>Replicas of each long-running workload when not autoscaled.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>CPU and memory of each workload.</summary>
    public ResourceSettings Resources { get; init; } = new();

    /// <summary>Horizontal autoscaling of long-running workloads.</summary>
    public AutoscalingSettings Autoscaling { get; init; } = new();

    /// <summary>
    /// The environment's global public host name, served by every target. Each target also answers
    /// on its own name, <c>{cloud}.{Hostname}</c>, which the global DNS layer points at.
    /// </summary>
    public required string Hostname { get; init; }

    /// <summary>
    /// In-cluster stores (one replica each, no backups: each target an independent sandbox) or
    /// managed stores (the cloud's services; on-premises, the site's own PostgreSQL and Redis).
    /// </summary>
    public StoreMode Stores { get; init; } = StoreMode.InCluster;

    /// <summary>True for environments that serve customers: in-cluster stores are refused.</summary>
    public bool ProductionGrade { get; init; }

    /// <summary>How HTTP workloads are released (queue workers always roll).</summary>
    public RolloutStrategy Rollout { get; init; } = RolloutStrategy.None;

    /// <summary>True when a person must promote each release (needs canary or bluegreen).</summary>
    public bool RequireApproval { get; init; }

    /// <summary>True when a person must approve the deploy of a release to this environment before it starts (a pipeline gate, apart from promotion).</summary>
    public bool RequireDeployApproval { get; init; }

    /// <summary>True to spread replicas across zones and nodes.</summary>
    public bool SpreadAcrossZones { get; init; }

    /// <summary>
    /// The private range of the environment's first target. Each further target takes the next
    /// block of the same size (10.20.0.0/16, 10.21.0.0/16, ...) unless <see cref="Networks"/> names
    /// its range, so clouds joined by an interconnect never overlap. Every cloud's foundation takes a /16
    /// (AWS /16 to /20, Google Cloud /16 or larger, DigitalOcean /12 to /16).
    /// </summary>
    public string VpcCidr { get; init; } = "10.10.0.0/16";

    /// <summary>Explicit private ranges per cloud, over the ones derived from <see cref="VpcCidr"/>.</summary>
    public IReadOnlyDictionary<Cloud, string> Networks { get; init; } = new Dictionary<Cloud, string>();

    /// <summary>Managed-store sizing, high availability and backups (ignored for in-cluster stores).</summary>
    public ManagedStoreSettings ManagedStores { get; init; } = new();

    /// <summary>The cluster's node pools.</summary>
    public NodePoolSettings NodePools { get; init; } = new();

    /// <summary>The cloud foundation's zones, log retention and edge rate limit.</summary>
    public InfrastructureSettings Infrastructure { get; init; } = new();

    /// <summary>Per-workload overrides for this environment, by app-model resource name.</summary>
    public IReadOnlyDictionary<string, ServiceOverrides> Services { get; init; } = new Dictionary<string, ServiceOverrides>();

    /// <summary>Values of non-secret parameters (secrets never appear here: they live in the secret store).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
}

/// <summary>CPU and memory requests and limits, in Kubernetes quantity notation.</summary>
public sealed record ResourceSettings
{
    /// <summary>Requested CPU (<c>100m</c>).</summary>
    public string CpuRequest { get; init; } = "100m";

    /// <summary>CPU limit (at least the request).</summary>
    public string CpuLimit { get; init; } = "500m";

    /// <summary>Requested memory (<c>128Mi</c>).</summary>
    public string MemoryRequest { get; init; } = "128Mi";

    /// <summary>Memory limit (at least the request).</summary>
    public string MemoryLimit { get; init; } = "512Mi";
}

/// <summary>Horizontal autoscaling bounds.</summary>
public sealed record AutoscalingSettings
{
    /// <summary>True to autoscale long-running workloads.</summary>
    public bool Enabled { get; init; }

    /// <summary>The fewest replicas (at least 1).</summary>
    public int MinReplicas { get; init; } = 2;

    /// <summary>The most replicas (at least <see cref="MinReplicas"/>).</summary>
    public int MaxReplicas { get; init; } = 4;

    /// <summary>Target average CPU utilisation, 1 to 100 percent.</summary>
    public int TargetCpuUtilization { get; init; } = 70;
}

/// <summary>Overrides of one workload; null keeps the environment's value.</summary>
public sealed record ServiceOverrides
{
    /// <summary>Replicas when not autoscaled.</summary>
    public int? Replicas { get; init; }

    /// <summary>CPU and memory.</summary>
    public ResourceSettings? Resources { get; init; }

    /// <summary>Autoscaling bounds.</summary>
    public AutoscalingSettings? Autoscaling { get; init; }
}

/// <summary>Managed PostgreSQL and Redis for an environment.</summary>
public sealed record ManagedStoreSettings
{
    /// <summary>The PostgreSQL major version (matches the in-cluster image and the local server's wire protocol).</summary>
    public string PostgresVersion { get; init; } = "18";

    /// <summary>The Valkey/Redis major version.</summary>
    public string RedisVersion { get; init; } = "7";

    /// <summary>A size class each cloud maps to its own tier (<c>small</c>, <c>medium</c>, <c>large</c>).</summary>
    public StoreTier Tier { get; init; } = StoreTier.Small;

    /// <summary>A standby in another zone with automatic failover.</summary>
    public bool HighAvailability { get; init; }

    /// <summary>PostgreSQL storage in GiB, 10 to 65536.</summary>
    public int StorageGb { get; init; } = 20;

    /// <summary>Days of automated backups (point-in-time recovery where the cloud offers it), 2 to 35.</summary>
    public int BackupRetentionDays { get; init; } = 7;

    /// <summary>Refuse to delete the store (production).</summary>
    public bool DeletionProtection { get; init; }
}

/// <summary>The size class of a managed store.</summary>
public enum StoreTier
{
    /// <summary>Burstable, for dev and staging.</summary>
    Small,

    /// <summary>General purpose.</summary>
    Medium,

    /// <summary>Memory optimised.</summary>
    Large,
}

/// <summary>Node pools of an environment's clusters.</summary>
public sealed record NodePoolSettings
{
    /// <summary>Fewest general-purpose nodes.</summary>
    public int MinNodes { get; init; } = 2;

    /// <summary>Most general-purpose nodes.</summary>
    public int MaxNodes { get; init; } = 4;

    /// <summary>A size class each cloud maps to its machine type (<c>small</c>: 2 vCPU / 4-8 GiB).</summary>
    public StoreTier NodeSize { get; init; } = StoreTier.Small;

    /// <summary>An optional GPU pool for inference (0 = none).</summary>
    public int MaxGpuNodes { get; init; }
}

/// <summary>What the infrastructure side builds around the cluster of an environment.</summary>
public sealed record InfrastructureSettings
{
    /// <summary>Availability zones the network and node groups span (2 to 6, where the cloud has zones).</summary>
    public int Zones { get; init; } = 3;

    /// <summary>
    /// Days the cloud keeps control-plane, audit, WAF and application logs. One of the retention
    /// periods CloudWatch accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
    /// 1096, 1827, 2192, 2557, 2922, 3288; not 3653, beyond Cloud Logging's 3650), so every cloud can honour it exactly.
    /// </summary>
    public int LogRetentionDays { get; init; } = 30;

    /// <summary>
    /// Days the audit events (admin actions, key issue and revocation, failed authentications, rate-limit
    /// refusals) are kept, apart from the application logs: a CloudWatch retention value, at least
    /// <see cref="LogRetentionDays"/>.
    /// </summary>
    public int AuditLogRetentionDays { get; init; } = 365;

    /// <summary>
    /// Days Tempo keeps traces where the cloud has no tracing service (DigitalOcean, a site), 1 to 365.
    /// X-Ray and Cloud Trace keep traces for their own fixed period (30 days) whatever this says.
    /// </summary>
    public int TraceRetentionDays { get; init; } = 14;

    /// <summary>
    /// The volume of Loki and of Tempo, each, where they run (DigitalOcean, a site): a Kubernetes
    /// quantity such as <c>50Gi</c>, large enough for the logs and traces of the retentions above.
    /// </summary>
    public string TelemetryVolumeSize { get; init; } = "50Gi";

    /// <summary>Requests per 5 minutes one client address may send before the edge (WAF, Cloud Armor, ModSecurity) throttles it, 100 to 2000000000.</summary>
    public int EdgeRateLimit { get; init; } = 2000;
}
