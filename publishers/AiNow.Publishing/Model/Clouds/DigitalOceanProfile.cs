using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace AiNow.Publishing.Model.Clouds;

/// <summary>DOKS with Managed PostgreSQL, Managed Valkey, DOCR and Vault (DigitalOcean has no secret manager).</summary>
public sealed partial record DigitalOceanProfile : CloudProfile
{
    /// <inheritdoc />
    public override Cloud Cloud => Cloud.DigitalOcean;

    /// <inheritdoc />
    public override string KubernetesService => "DigitalOcean Kubernetes";

    /// <inheritdoc />
    public override string DefaultRegion => "nyc3";

    /// <inheritdoc />
    public override Regex RegionPattern => Region();

    /// <summary>The foundation module takes cluster names of at most 42 characters.</summary>
    public override int ClusterNameMaxLength => 42;

    /// <summary>The VPC carved out of the range (4 bits longer) must be one of DigitalOcean's /16 to /28 VPCs with room for the nodes and stores.</summary>
    public override (int Shortest, int Longest) NetworkPrefixLengths => (12, 16);

    /// <summary>DigitalOcean managed databases listen on 25060, TLS only.</summary>
    public override StoreEndpointProfile ManagedPostgres { get; } = new(25060, Tls: true, "DigitalOcean Managed PostgreSQL");

    /// <summary>DigitalOcean Managed Valkey listens on 25061, TLS only.</summary>
    public override StoreEndpointProfile ManagedRedis { get; } = new(25061, Tls: true, "DigitalOcean Managed Valkey");

    /// <summary>NodeLocal DNSCache, when the cluster runs it.</summary>
    public override ImmutableArray<string> NodeDnsAddresses { get; } = ["169.254.20.10/32"];

    /// <summary>DOCR needs a docker credential; the infrastructure side writes a read-only one to Vault.</summary>
    public override RegistryAccess RegistryAccess => RegistryAccess.PullSecret;

    /// <inheritdoc />
    public override SecretBackend SecretBackend => SecretBackend.Vault;

    /// <inheritdoc />
    public override TelemetryBackend TelemetryBackend => TelemetryBackend.LokiAndTempo;

    /// <inheritdoc />
    public override CertificateMode CertificateMode => CertificateMode.CertManagerDns01;

    /// <inheritdoc />
    public override IngressMode IngressMode => IngressMode.Nginx;

    /// <inheritdoc />
    // In install order: cert-manager after kube-prometheus-stack, whose ServiceMonitor CRD its metrics need.
    public override ImmutableArray<AddOn> AddOns { get; } = [KnownAddOns.IngressNginx, KnownAddOns.MetricsServer, KnownAddOns.ExternalSecrets, KnownAddOns.ArgoRollouts, KnownAddOns.Prometheus, KnownAddOns.CertManager, KnownAddOns.OpenTelemetryCollector];

    /// <inheritdoc />
    public override string RegistryPrefix(string accountId, string region) => $"registry.digitalocean.com/{accountId}";

    /// <summary>ingress-nginx pods run inside the target's range.</summary>
    public override ImmutableArray<string> IngressSourceRanges(string network) => [network];

    /// <summary>DOKS has no workload identity.</summary>
    public override (string Key, string Value)? WorkloadIdentity(InfrastructureNaming naming, string accountId, string environment, string workload) => null;

    /// <inheritdoc />
    public override StorageClassProfile StorageClass(string configured) =>
        new(configured, null, ImmutableSortedDictionary<string, string>.Empty, "stock on DOKS (DigitalOcean Block Storage CSI driver)");


    /// <summary>DOKS runs the control plane out of the cluster's reach.</summary>
    public override bool ControlPlaneScrapable => false;

    /// <summary>DOKS's Cilium replaces kube-proxy.</summary>
    public override bool RunsKubeProxy => false;

    /// <inheritdoc />
    public override ZoneTopology Zones => ZoneTopology.None;

    /// <inheritdoc />
    public override ImmutableArray<string> ClusterRequirements(InfrastructureNaming naming, string environment) =>
        [
            "Kubernetes 1.30 or later (the pods' preStop sleep).",
            "Network policy is enforced by DOKS's Cilium out of the box.",
            $"Vault reviews External Secrets' logins with its own token: service account {InfrastructureNaming.SecretStoreIdentity} in {naming.Namespace(environment)} bound to system:auth-delegator (the Terraform add-ons stage does it).",
        ];

    [GeneratedRegex(@"^[a-z]{3}\d$", RegexOptions.CultureInvariant)]
    private static partial Regex Region();
}
