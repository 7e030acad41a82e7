using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace AiNow.Publishing.Model.Clouds;

/// <summary>GKE with Cloud SQL, Memorystore, Artifact Registry, Secret Manager and GKE Ingress.</summary>
public sealed partial record GcpProfile : CloudProfile
{
    /// <inheritdoc />
    public override Cloud Cloud => Cloud.Gcp;

    /// <inheritdoc />
    public override string KubernetesService => "Google Kubernetes Engine";

    /// <inheritdoc />
    public override string DefaultRegion => "us-central1";

    /// <inheritdoc />
    public override Regex RegionPattern => Region();

    /// <summary>Service account ids are at most 30 characters.</summary>
    public override int IdentityNameMaxLength => 30;

    /// <summary>The foundation's <c>{name}-nodes</c> service account id stays within 30 characters.</summary>
    public override int ClusterNameMaxLength => 24;

    /// <summary>The foundation cuts node, pod, service and store ranges out of a /16 or larger.</summary>
    public override (int Shortest, int Longest) NetworkPrefixLengths => (8, 16);

    /// <summary>Cloud SQL on its private IP.</summary>
    public override StoreEndpointProfile ManagedPostgres { get; } = new(5432, Tls: true, "Cloud SQL for PostgreSQL");

    /// <summary>Memorystore for Redis with in-transit encryption listens on 6378, not 6379.</summary>
    public override StoreEndpointProfile ManagedRedis { get; } = new(6378, Tls: true, "Memorystore for Redis");

    /// <summary>Cloud DNS for GKE answers on the metadata server; NodeLocal DNSCache on its own link-local address.</summary>
    public override ImmutableArray<string> NodeDnsAddresses { get; } = ["169.254.169.254/32", "169.254.20.10/32"];

    /// <inheritdoc />
    public override RegistryAccess RegistryAccess => RegistryAccess.NodeIdentity;

    /// <inheritdoc />
    public override SecretBackend SecretBackend => SecretBackend.GcpSecretManager;

    /// <inheritdoc />
    public override TelemetryBackend TelemetryBackend => TelemetryBackend.CloudLoggingAndCloudTrace;

    /// <summary>
    /// DNS-01 rather than HTTP-01 (GKE Ingress with <c>allow-http: false</c> has no port 80 to
    /// answer on) or a Google-managed certificate (which needs the global name to resolve to this
    /// load balancer, not to the global DNS layer in front of every cloud).
    /// </summary>
    public override CertificateMode CertificateMode => CertificateMode.CertManagerDns01;

    /// <inheritdoc />
    public override IngressMode IngressMode => IngressMode.GkeIngress;

    /// <inheritdoc />
    // In install order: cert-manager after kube-prometheus-stack, whose ServiceMonitor CRD its metrics need.
    public override ImmutableArray<AddOn> AddOns { get; } = [KnownAddOns.ExternalSecrets, KnownAddOns.ArgoRollouts, KnownAddOns.Prometheus, KnownAddOns.CertManager, KnownAddOns.OpenTelemetryCollector];

    /// <inheritdoc />
    public override string RegistryPrefix(string accountId, string region) => $"{region}-docker.pkg.dev/{accountId}";

    /// <summary>Google Front Ends and health checkers.</summary>
    public override ImmutableArray<string> IngressSourceRanges(string network) => ["35.191.0.0/16", "130.211.0.0/22"];

    /// <inheritdoc />
    public override (string Key, string Value)? WorkloadIdentity(InfrastructureNaming naming, string accountId, string environment, string workload) =>
        ("iam.gke.io/gcp-service-account", naming.GcpServiceAccountEmail(accountId, environment, workload));

    /// <inheritdoc />
    public override StorageClassProfile StorageClass(string configured) =>
        new(configured, null, ImmutableSortedDictionary<string, string>.Empty, "stock on GKE (Persistent Disk CSI driver)");


    /// <summary>GKE runs the control plane out of the cluster's reach.</summary>
    public override bool ControlPlaneScrapable => false;

    /// <summary>GKE Dataplane V2 (Cilium) routes services without kube-proxy.</summary>
    public override bool RunsKubeProxy => false;

    /// <inheritdoc />
    public override ZoneTopology Zones => ZoneTopology.Zonal;

    /// <inheritdoc />
    public override ImmutableArray<string> ClusterRequirements(InfrastructureNaming naming, string environment) =>
        [
            "Kubernetes 1.30 or later (the pods' preStop sleep).",
            "Network policy enforcement: GKE Dataplane V2 (or network policy enabled on the cluster).",
            "Workload Identity enabled on the cluster and its node pools.",
        ];

    [GeneratedRegex(@"^[a-z]+-[a-z]+\d$", RegexOptions.CultureInvariant)]
    private static partial Regex Region();
}
