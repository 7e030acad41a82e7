using System.Collections.Immutable;

namespace AiNow.Publishing.Model;

/// <summary>The clouds (and on-premises Kubernetes) an environment can run on.</summary>
public enum Cloud
{
    /// <summary>Amazon Web Services (EKS).</summary>
    Aws,

    /// <summary>Google Cloud (GKE).</summary>
    Gcp,

    /// <summary>DigitalOcean (DOKS).</summary>
    DigitalOcean,

    /// <summary>A plain Kubernetes cluster of our own.</summary>
    OnPrem,
}

/// <summary>Where PostgreSQL and Redis run for an environment on a cloud.</summary>
public enum StoreMode
{
    /// <summary>StatefulSets in the environment's namespace.</summary>
    InCluster,

    /// <summary>The cloud's managed services, provisioned by the infrastructure side.</summary>
    Managed,
}

/// <summary>How a new release replaces the running one.</summary>
public enum RolloutStrategy
{
    /// <summary>A plain rolling update.</summary>
    None,

    /// <summary>Traffic shifts in steps, gated by a success-rate analysis.</summary>
    Canary,

    /// <summary>A preview stack next to the active one, then a switch.</summary>
    BlueGreen,
}

/// <summary>What one environment (dev, staging, production) deploys, and where.</summary>
/// <param name="Name">The environment name.</param>
/// <param name="Hostname">The global public host name, served by every target.</param>
/// <param name="ImageTag">The default release tag of the application's images.</param>
/// <param name="Rollout">The rollout strategy and its gates.</param>
/// <param name="SpreadAcrossZones">True to spread replicas across zones and nodes.</param>
/// <param name="Targets">The clouds it runs on.</param>
/// <param name="Services">Sizing per long-running or run-to-completion workload.</param>
/// <param name="ParameterValues">Values of non-secret parameters for this environment.</param>
/// <param name="PrimaryCloud">The target that holds the system of record when stores are managed.</param>
/// <param name="ProductionGrade">True for environments that serve customers.</param>
/// <param name="DeployApproval">True when a person approves each deploy before it starts (a pipeline gate).</param>
/// <param name="ManagedStores">Managed-store engine versions, tier, HA, storage and backups.</param>
/// <param name="NodePools">The clusters' node pools.</param>
/// <param name="Telemetry">Where workloads export telemetry.</param>
/// <param name="Infrastructure">What the infrastructure side builds around the clusters.</param>
public sealed record EnvironmentPlan(
    string Name,
    string Hostname,
    string ImageTag,
    RolloutPlan Rollout,
    bool SpreadAcrossZones,
    ImmutableArray<CloudTarget> Targets,
    ImmutableArray<ServicePlan> Services,
    ImmutableSortedDictionary<string, string> ParameterValues,
    Cloud PrimaryCloud,
    bool ProductionGrade,
    bool DeployApproval,
    ManagedStorePlan ManagedStores,
    NodePoolPlan NodePools,
    TelemetryPlan Telemetry,
    InfrastructurePlan Infrastructure)
{
    /// <summary>The sizing plan of <paramref name="service"/>.</summary>
    public ServicePlan GetService(string service) =>
        PlansByService.Of(Services).GetValueOrDefault(service) ?? throw new KeyNotFoundException($"No plan for '{service}' in environment '{Name}'.");

    /// <summary>The first plan of each service, as a scan in order would find it.</summary>
    private static readonly ArrayIndex<ServicePlan, Dictionary<string, ServicePlan>> PlansByService = new(plans =>
        plans.DistinctBy(plan => plan.Service, StringComparer.Ordinal).ToDictionary(plan => plan.Service, StringComparer.Ordinal));

    /// <summary>The target holding the system of record.</summary>
    public CloudTarget Primary => Targets.First(t => t.Cloud == PrimaryCloud);
}

/// <summary>The rollout strategy of an environment.</summary>
/// <param name="Strategy">None, canary or blue/green (for HTTP workloads; queue workers always roll).</param>
/// <param name="ManualPromotion">True when a person promotes each release.</param>
/// <param name="SuccessRateThreshold">The minimum share of non-5xx responses for an analysis to pass.</param>
/// <param name="PrometheusAddress">Where the analysis reads metrics.</param>
public sealed record RolloutPlan(RolloutStrategy Strategy, bool ManualPromotion, double SuccessRateThreshold, string PrometheusAddress);

/// <summary>One cloud an environment runs on.</summary>
/// <param name="Cloud">The cloud.</param>
/// <param name="Region">The region (<c>us-east-1</c>, <c>europe-west1</c>, <c>fra1</c>, a site name on-premises).</param>
/// <param name="Stores">In-cluster or managed stores.</param>
/// <param name="Account">The account, project or registry identifiers of that cloud.</param>
/// <param name="Profile">Everything that differs on this cloud.</param>
/// <param name="Network">The target's private range: nodes, pods, services and its managed stores all lie inside it.</param>
/// <param name="Hostname">The target's own public host name (<c>aws.api.example.com</c>), behind the global one.</param>
public sealed record CloudTarget(Cloud Cloud, string Region, StoreMode Stores, CloudAccount Account, Clouds.CloudProfile Profile, string Network, string Hostname)
{
    /// <summary>The folder and file name of the cloud.</summary>
    public string Key => Profile.Key;
}

/// <summary>Identifiers of a cloud account shared by the environments on it.</summary>
/// <param name="AccountId">AWS account id, GCP project id, DigitalOcean registry name, on-premises registry host.</param>
/// <param name="StorageClass">The storage class for volumes of in-cluster stores.</param>
/// <param name="SecretStoreAddress">The Vault address, for clouds whose secrets live in Vault.</param>
/// <param name="SecretStoreCaBundle">The PEM CA of the Vault's certificate when a private CA issued it.</param>
public sealed record CloudAccount(string AccountId, string StorageClass, string? SecretStoreAddress, string? SecretStoreCaBundle = null);

/// <summary>Where a workload reaches a store in one target.</summary>
/// <param name="Host">The DNS name (in-cluster: the Service; managed: the private DNS name the infrastructure creates).</param>
/// <param name="Port">The port the store really listens on there.</param>
/// <param name="Tls">True when the connection must use TLS.</param>
/// <param name="Network">The private range it lives in, or null for an in-cluster pod.</param>
/// <param name="ServedBy">The target whose store it is (another cloud's for a system of record held elsewhere).</param>
public sealed record StoreAddress(string Host, int Port, bool Tls, string? Network, Cloud ServedBy);

/// <summary>Managed-store plan of an environment.</summary>
public sealed record ManagedStorePlan(string PostgresVersion, string RedisVersion, string Tier, bool HighAvailability, int StorageGb, int BackupRetentionDays, bool DeletionProtection);

/// <summary>Node pools of an environment.</summary>
public sealed record NodePoolPlan(int MinNodes, int MaxNodes, string NodeSize, int MaxGpuNodes);

/// <summary>What the infrastructure side builds around an environment's clusters.</summary>
/// <param name="KubernetesVersion">The clusters' Kubernetes minor version (<c>1.33</c>).</param>
/// <param name="PublicDnsZone">The public zone of the host names (certificate validation, DNS-01, global records).</param>
/// <param name="AcmeEmail">The ACME account e-mail of the DNS-01 issuer.</param>
/// <param name="Zones">Availability zones the network spans.</param>
/// <param name="LogRetentionDays">Days logs are kept.</param>
/// <param name="AuditLogRetentionDays">Days audit events are kept (at least <paramref name="LogRetentionDays"/>).</param>
/// <param name="EdgeRateLimit">Requests per 5 minutes per client address before the edge throttles.</param>
/// <param name="TraceRetentionDays">Days Tempo keeps traces (the managed tracing services keep theirs for a fixed period).</param>
/// <param name="TelemetryVolumeSize">The volume of Loki and of Tempo, each (<c>50Gi</c>).</param>
public sealed record InfrastructurePlan(string KubernetesVersion, string PublicDnsZone, string AcmeEmail, int Zones, int LogRetentionDays, int AuditLogRetentionDays, int EdgeRateLimit, int TraceRetentionDays, string TelemetryVolumeSize);

/// <summary>Telemetry export of deployed workloads.</summary>
/// <param name="OtlpEndpoint">The collector's OTLP address as seen from the cluster.</param>
/// <param name="OtlpProtocol"><c>grpc</c> or <c>http/protobuf</c>.</param>
public sealed record TelemetryPlan(string OtlpEndpoint, string OtlpProtocol)
{
    /// <summary>The label the OpenTelemetry Collector's pods carry (its Helm chart's), which network policies admit.</summary>
    public const string CollectorPodName = "opentelemetry-collector";

    /// <summary>The collector's port.</summary>
    public int CollectorPort => new Uri(OtlpEndpoint).Port;

    /// <summary>The collector's namespace when the endpoint is an in-cluster Service (<c>svc.ns.svc.cluster.local</c>), else null.</summary>
    public string? CollectorNamespace => new Uri(OtlpEndpoint).Host.Split('.') is [_, var ns, "svc", ..] ? ns : null;
}

/// <summary>Size and scale of one workload in one environment.</summary>
/// <param name="Service">The workload.</param>
/// <param name="Replicas">Replicas when not autoscaled (the minimum when autoscaled).</param>
/// <param name="Resources">CPU and memory requests and limits.</param>
/// <param name="Autoscaling">Autoscaling bounds, or null when the replica count is fixed.</param>
public sealed record ServicePlan(string Service, int Replicas, ResourceSizing Resources, AutoscalingPlan? Autoscaling)
{
    /// <summary>The fewest replicas that run: disruption budgets only make sense above one.</summary>
    public int MinimumReplicas => Autoscaling?.MinReplicas ?? Replicas;
}

/// <summary>CPU and memory, in Kubernetes quantity notation (<c>250m</c>, <c>512Mi</c>).</summary>
public sealed record ResourceSizing(string CpuRequest, string CpuLimit, string MemoryRequest, string MemoryLimit);

/// <summary>Horizontal autoscaling bounds on CPU utilisation.</summary>
public sealed record AutoscalingPlan(int MinReplicas, int MaxReplicas, int TargetCpuUtilization);

/// <summary>Size of PostgreSQL and Redis when they run in-cluster.</summary>
/// <param name="Resources">CPU and memory of each store.</param>
/// <param name="StorageSize">The volume size of each store (<c>10Gi</c>).</param>
public sealed record InClusterStorePlan(ResourceSizing Resources, string StorageSize);

/// <summary>A workload that may open connections to the internet (an upstream API), and on which TCP ports.</summary>
public sealed record ExternalEgress(string Service, ImmutableArray<int> Ports);
