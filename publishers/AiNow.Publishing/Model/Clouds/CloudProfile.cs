using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace AiNow.Publishing.Model.Clouds;

/// <summary>
/// Everything that differs between the clouds, in one place per cloud: regions, the ports and TLS of
/// its managed stores, DNS addresses pods must reach, the registry's form, the secret backend, how
/// TLS certificates and ingress work, workload identity and storage. Emitters ask the profile; no
/// emitter switches on a cloud's name.
/// </summary>
public abstract record CloudProfile
{
    /// <summary>The cloud.</summary>
    public abstract Cloud Cloud { get; }

    /// <summary>The name used in folders, files and messages (<c>aws</c>, <c>digitalocean</c>).</summary>
    public string Key => KeyOf(Cloud);

    /// <summary>The name of <paramref name="cloud"/> in folders, files and messages: the enum name in lower case.</summary>
    public static string KeyOf(Cloud cloud) => cloud.ToString().ToLowerInvariant();

    /// <summary>The product name people know (<c>Amazon EKS</c>).</summary>
    public abstract string KubernetesService { get; }

    /// <summary>The region used when the settings name none.</summary>
    public abstract string DefaultRegion { get; }

    /// <summary>What a region of this cloud looks like.</summary>
    public abstract Regex RegionPattern { get; }

    /// <summary>The longest workload identity name the cloud accepts (AWS role names, GCP service account ids).</summary>
    public virtual int IdentityNameMaxLength => int.MaxValue;

    /// <summary>The longest cluster name (<c>ainow-staging</c>) the cloud's foundation module takes: it prefixes that module's own resource names.</summary>
    public virtual int ClusterNameMaxLength => int.MaxValue;

    /// <summary>The prefix lengths a target's private range may have on this cloud (its foundation module cuts the range into subnets).</summary>
    public virtual (int Shortest, int Longest) NetworkPrefixLengths => (8, 24);

    /// <summary>Where the managed (or site-provided) PostgreSQL listens, and whether it requires TLS.</summary>
    public abstract StoreEndpointProfile ManagedPostgres { get; }

    /// <summary>Where the managed (or site-provided) Redis-compatible cache listens, and whether it requires TLS.</summary>
    public abstract StoreEndpointProfile ManagedRedis { get; }

    /// <summary>
    /// Link-local addresses that answer DNS on this cloud besides the cluster's kube-dns pods
    /// (GKE's Cloud DNS metadata server, NodeLocal DNSCache), each a /32 reached on port 53.
    /// </summary>
    public abstract ImmutableArray<string> NodeDnsAddresses { get; }

    /// <summary>The registry host and path prefix of an account in a region, without the repository.</summary>
    public abstract string RegistryPrefix(string accountId, string region);

    /// <summary>True when third-party images (the in-cluster stores') come from the site's registry mirror instead of the internet.</summary>
    public virtual bool MirrorsThirdPartyImages => false;

    /// <summary>How nodes are allowed to pull the application's images.</summary>
    public abstract RegistryAccess RegistryAccess { get; }

    /// <summary>Where secrets live.</summary>
    public abstract SecretBackend SecretBackend { get; }

    /// <summary>How the public host name's TLS certificate is issued.</summary>
    public abstract CertificateMode CertificateMode { get; }

    /// <summary>Where the collector sends logs and traces.</summary>
    public abstract TelemetryBackend TelemetryBackend { get; }

    /// <summary>Which ingress controller serves the public entry.</summary>
    public abstract IngressMode IngressMode { get; }

    /// <summary>
    /// The ranges the load balancer or ingress controller connects from, so the gateway trusts their
    /// forwarded headers and network policies admit them. <paramref name="network"/> is the target's range.
    /// </summary>
    public abstract ImmutableArray<string> IngressSourceRanges(string network);

    /// <summary>The annotation binding a Kubernetes service account to a cloud identity, or null where there is none.</summary>
    public abstract (string Key, string Value)? WorkloadIdentity(InfrastructureNaming naming, string accountId, string environment, string workload);

    /// <summary>True when no default storage class can be assumed: the settings must name one that exists on the cluster.</summary>
    public virtual bool StorageClassMustBeNamed => false;

    /// <summary>The storage class of in-cluster store volumes, and whether the output creates it.</summary>
    public abstract StorageClassProfile StorageClass(string configured);

    /// <summary>The cluster add-ons an operator installs before applying an overlay, with pinned versions.</summary>
    public abstract ImmutableArray<AddOn> AddOns { get; }

    /// <summary>Whether nodes carry <c>topology.kubernetes.io/zone</c>, and so whether replicas can be required to spread over zones.</summary>
    public abstract ZoneTopology Zones { get; }

    /// <summary>
    /// True when the controller manager, scheduler and etcd run where Prometheus can scrape them (a
    /// self-run control plane); a managed control plane hides them, and scraping them only fills the
    /// kube-prometheus-stack's dashboards with gaps and its alerts with false "down" pages.
    /// </summary>
    public abstract bool ControlPlaneScrapable { get; }

    /// <summary>True when kube-proxy runs on the nodes; false where the CNI replaces it (eBPF service routing), so there is nothing to scrape.</summary>
    public abstract bool RunsKubeProxy { get; }

    /// <summary>What the cluster itself must have turned on before an overlay works (beyond the add-ons).</summary>
    public abstract ImmutableArray<string> ClusterRequirements(InfrastructureNaming naming, string environment);
}

/// <summary>How zones appear on a cloud's nodes.</summary>
public enum ZoneTopology
{
    /// <summary>Every node has a zone label and a region has several zones: spreading is required.</summary>
    Zonal,

    /// <summary>Zone labels may be missing or single (a site): spreading is preferred, never required.</summary>
    MaybeZonal,

    /// <summary>No zone label at all (DigitalOcean regions have no zones): only nodes are spread over.</summary>
    None,
}

/// <summary>A store's port and TLS on a cloud.</summary>
/// <param name="Port">The TCP port.</param>
/// <param name="Tls">True when connections must use TLS.</param>
/// <param name="Product">The product name (<c>Amazon RDS for PostgreSQL</c>).</param>
public sealed record StoreEndpointProfile(int Port, bool Tls, string Product);

/// <summary>How a cluster pulls private images.</summary>
public enum RegistryAccess
{
    /// <summary>The nodes' cloud identity reads the registry (ECR, Artifact Registry): no pull secret.</summary>
    NodeIdentity,

    /// <summary>A docker-registry pull secret made from the secret store, named on every service account.</summary>
    PullSecret,
}

/// <summary>The secret manager External Secrets reads.</summary>
public enum SecretBackend
{
    /// <summary>AWS Secrets Manager through IRSA.</summary>
    AwsSecretsManager,

    /// <summary>GCP Secret Manager through GKE Workload Identity.</summary>
    GcpSecretManager,

    /// <summary>HashiCorp Vault KV v2 with the Kubernetes auth method.</summary>
    Vault,
}

/// <summary>How the public certificate is issued.</summary>
public enum CertificateMode
{
    /// <summary>An ACM certificate (DNS-validated by the infrastructure side) that the ALB finds by host name.</summary>
    AwsCertificateManager,

    /// <summary>cert-manager with an ACME DNS-01 ClusterIssuer: works behind any load balancer and for a global name served by several clouds.</summary>
    CertManagerDns01,
}

/// <summary>The ingress controller of the public entry.</summary>
public enum IngressMode
{
    /// <summary>AWS Load Balancer Controller (ALB, IP targets).</summary>
    AwsAlb,

    /// <summary>GKE Ingress (external Application Load Balancer, NEG-backed).</summary>
    GkeIngress,

    /// <summary>ingress-nginx behind the cloud's or site's load balancer.</summary>
    Nginx,
}

/// <summary>A storage class name and, when the output creates it, its provisioner and parameters.</summary>
/// <param name="Name">The class name volume claims use.</param>
/// <param name="Provisioner">The CSI provisioner, or null when the class already exists on the cluster.</param>
/// <param name="Parameters">Provisioner parameters.</param>
/// <param name="Origin">Where the class comes from, for the overview.</param>
public sealed record StorageClassProfile(string Name, string? Provisioner, ImmutableSortedDictionary<string, string> Parameters, string Origin)
{
    /// <summary>True when the output creates the class.</summary>
    public bool CreatedByOutput => Provisioner is not null;
}
