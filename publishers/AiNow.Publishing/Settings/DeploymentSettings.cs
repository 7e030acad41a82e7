using AiNow.Contracts;

namespace AiNow.Publishing.Settings;

/// <summary>
/// Where and how the application is deployed: the one typed place for every per-environment choice.
/// Validated by <see cref="DeploymentSettingsValidator"/> before anything is written.
/// </summary>
public sealed record DeploymentSettings
{
    /// <summary>Short prefix of every cloud and cluster name; a DNS label of at most 12 characters.</summary>
    public string ApplicationName { get; init; } = "ainow";

    /// <summary>
    /// The default release tag of the application's images. A release pins its own tag and digest in
    /// a kustomization that wraps the generated overlay (or Argo CD's <c>kustomize.images</c>), so no
    /// generated file is edited; see the overview.
    /// </summary>
    public string ImageTag { get; init; } = "0.1.0";

    /// <summary>Account, project and registry identifiers per cloud.</summary>
    public CloudAccounts Accounts { get; init; } = new();

    /// <summary>Size of in-cluster PostgreSQL and Redis (dev and on-premises).</summary>
    public InClusterStoreSettings InClusterStores { get; init; } = new();

    /// <summary>How canary and blue/green releases are judged.</summary>
    public RolloutAnalysisSettings Analysis { get; init; } = new();

    /// <summary>
    /// Workloads that may open connections to the internet, with their TCP ports (inference calls the
    /// upstream LLM). Everything else reaches only what the app model references.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<int>> ExternalEgress { get; init; } = new Dictionary<string, IReadOnlyList<int>>
    {
        [ResourceNames.Inference] = [443],
    };

    /// <summary>
    /// The longest request any service serves (api's chat completions, <c>Api:ChatTimeoutSeconds</c>).
    /// Load balancer and ingress timeouts, and how long a stopping pod drains, follow it.
    /// </summary>
    public int LongestRequestSeconds { get; init; } = (int)RequestTimeouts.Chat.TotalSeconds;

    /// <summary>Where workloads send OpenTelemetry data in deployed environments (an in-cluster collector).</summary>
    public TelemetrySettings Telemetry { get; init; } = new();

    /// <summary>The Kubernetes minor version every cluster runs (<c>1.33</c>); the overlays need 1.30 or later.</summary>
    public string KubernetesVersion { get; init; } = "1.33";

    /// <summary>
    /// The public DNS zone every environment's host names lie in (a Route53 hosted zone on the AWS
    /// account: ACM validation, DNS-01 challenges and the global records are written there).
    /// </summary>
    public string PublicDnsZone { get; init; } = "ainow.example.com";

    /// <summary>
    /// The GitHub repository (<c>owner/name</c>) whose workflows release and deploy: the clouds' pipeline
    /// identities trust only its OIDC tokens, each from its own GitHub environment.
    /// </summary>
    public string SourceRepository { get; init; } = "example/ainow";

    /// <summary>The ACME account e-mail of the DNS-01 ClusterIssuer (expiry notices).</summary>
    public string AcmeEmail { get; init; } = "platform@ainow.example.com";

    /// <summary>The environments, in promotion order.</summary>
    public IReadOnlyList<EnvironmentSettings> Environments { get; init; } = DeploymentDefaults.Environments;
}

/// <summary>Account identifiers of each cloud, shared by the environments that run there.</summary>
public sealed record CloudAccounts
{
    /// <summary>Amazon Web Services.</summary>
    public AwsAccountSettings Aws { get; init; } = new();

    /// <summary>Google Cloud.</summary>
    public GcpProjectSettings Gcp { get; init; } = new();

    /// <summary>DigitalOcean.</summary>
    public DigitalOceanSettings DigitalOcean { get; init; } = new();

    /// <summary>Our own Kubernetes.</summary>
    public OnPremSettings OnPrem { get; init; } = new();
}

/// <summary>The AWS account (ECR registry, IAM roles, Secrets Manager).</summary>
public sealed record AwsAccountSettings
{
    /// <summary>The 12-digit account id.</summary>
    public string AccountId { get; init; } = "111122223333";

    /// <summary>The encrypted gp3 storage class the AWS overlays create for in-cluster store volumes.</summary>
    public string StorageClass { get; init; } = "ainow-gp3";
}

/// <summary>The GCP project (Artifact Registry, service accounts, Secret Manager).</summary>
public sealed record GcpProjectSettings
{
    /// <summary>The project id.</summary>
    public string ProjectId { get; init; } = "ainow-platform";

    /// <summary>The persistent-disk storage class (stock on GKE).</summary>
    public string StorageClass { get; init; } = "standard-rwo";
}

/// <summary>The DigitalOcean team (container registry; secrets in Vault).</summary>
public sealed record DigitalOceanSettings
{
    /// <summary>The container registry name.</summary>
    public string RegistryName { get; init; } = "ainow";

    /// <summary>The block-storage class (stock on DOKS).</summary>
    public string StorageClass { get; init; } = "do-block-storage";

    /// <summary>The Vault server holding the secrets (DigitalOcean has no secret manager).</summary>
    public string VaultAddress { get; init; } = "https://vault.ainow.example.com";

    /// <summary>The PEM CA certificate(s) of Vault's TLS certificate when a private CA issued it (public, not a secret); null for a public CA.</summary>
    public string? VaultCaBundle { get; init; }
}

/// <summary>Our own Kubernetes (registry, storage, Vault).</summary>
public sealed record OnPremSettings
{
    /// <summary>The registry host (and optional path).</summary>
    public string Registry { get; init; } = "registry.ainow.internal";

    /// <summary>
    /// The site's storage class for in-cluster store volumes. No default: it must name a class that
    /// exists on the site's cluster (the validator refuses an empty one when in-cluster stores run there).
    /// </summary>
    public string? StorageClass { get; init; }

    /// <summary>The port of the site's PostgreSQL, for environments with managed (site-provided) stores.</summary>
    public int PostgresPort { get; init; } = 5432;

    /// <summary>The port of the site's Redis.</summary>
    public int RedisPort { get; init; } = 6379;

    /// <summary>True when the site's stores require TLS.</summary>
    public bool StoresUseTls { get; init; } = true;

    /// <summary>The Vault server holding the secrets.</summary>
    public string VaultAddress { get; init; } = "https://vault.ainow.example.com:8200";

    /// <summary>
    /// The PEM CA certificate(s) of Vault's TLS certificate when the site's own CA issued it (public, not
    /// a secret). Required for a Vault under a private name (<c>.internal</c>, <c>.local</c>, ...), which no public CA certifies.
    /// </summary>
    public string? VaultCaBundle { get; init; }
}

/// <summary>Size of in-cluster PostgreSQL and Redis.</summary>
public sealed record InClusterStoreSettings
{
    /// <summary>
    /// CPU and memory of each store. Memory is requested as much as the limit (Guaranteed for memory): a store is
    /// the last pod the node should reclaim, and Redis is told to use half of it (<c>--maxmemory 512mb</c>).
    /// </summary>
    public ResourceSettings Resources { get; init; } = new() { CpuRequest = "250m", CpuLimit = "1", MemoryRequest = "1Gi", MemoryLimit = "1Gi" };

    /// <summary>The volume size of each store.</summary>
    public string StorageSize { get; init; } = "10Gi";
}

/// <summary>How canary and blue/green releases are judged.</summary>
public sealed record RolloutAnalysisSettings
{
    /// <summary>The Prometheus the analysis queries.</summary>
    public string PrometheusAddress { get; init; } = "http://prometheus-operated.monitoring.svc.cluster.local:9090";

    /// <summary>The minimum share of non-5xx responses, between 0 and 1.</summary>
    public double SuccessRateThreshold { get; init; } = 0.99;
}

/// <summary>Where deployed workloads export telemetry.</summary>
public sealed record TelemetrySettings
{
    /// <summary>The OTLP endpoint as seen from the cluster (the collector of the monitoring add-on).</summary>
    public string OtlpEndpoint { get; init; } = "http://otel-collector.monitoring.svc.cluster.local:4317";

    /// <summary>The OTLP protocol (<c>grpc</c> or <c>http/protobuf</c>).</summary>
    public string OtlpProtocol { get; init; } = "grpc";
}
