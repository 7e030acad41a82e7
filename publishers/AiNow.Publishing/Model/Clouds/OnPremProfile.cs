using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace AiNow.Publishing.Model.Clouds;

/// <summary>
/// A Kubernetes cluster of our own: ingress-nginx, Vault, a private registry (which also mirrors the
/// stores' images, so an air-gapped site pulls nothing from the internet) and, for environments that
/// need production-grade stores, PostgreSQL and Redis run by the site at the ports given in settings.
/// </summary>
/// <param name="Postgres">The site's PostgreSQL port and TLS.</param>
/// <param name="Redis">The site's Redis port and TLS.</param>
public sealed partial record OnPremProfile(StoreEndpointProfile Postgres, StoreEndpointProfile Redis) : CloudProfile
{
    /// <inheritdoc />
    public override Cloud Cloud => Cloud.OnPrem;

    /// <inheritdoc />
    public override string KubernetesService => "on-premises Kubernetes";

    /// <inheritdoc />
    public override string DefaultRegion => "dc1";

    /// <inheritdoc />
    public override Regex RegionPattern => SiteName();

    /// <inheritdoc />
    public override StoreEndpointProfile ManagedPostgres => Postgres;

    /// <inheritdoc />
    public override StoreEndpointProfile ManagedRedis => Redis;

    /// <summary>NodeLocal DNSCache, when the cluster runs it.</summary>
    public override ImmutableArray<string> NodeDnsAddresses { get; } = ["169.254.20.10/32"];

    /// <inheritdoc />
    public override RegistryAccess RegistryAccess => RegistryAccess.PullSecret;

    /// <summary>An air-gapped site reaches no public registry: the stores' images come from its mirror.</summary>
    public override bool MirrorsThirdPartyImages => true;

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
    public override ImmutableArray<AddOn> AddOns { get; } = [KnownAddOns.MetalLb, KnownAddOns.MetricsServer, KnownAddOns.IngressNginx, KnownAddOns.ExternalSecrets, KnownAddOns.ArgoRollouts, KnownAddOns.Prometheus, KnownAddOns.CertManager, KnownAddOns.OpenTelemetryCollector];

    /// <summary>The site's registry host and path, as configured.</summary>
    public override string RegistryPrefix(string accountId, string region) => accountId;

    /// <summary>ingress-nginx pods run inside the site's range.</summary>
    public override ImmutableArray<string> IngressSourceRanges(string network) => [network];

    /// <summary>No cloud identity on-premises: Vault's Kubernetes auth authenticates the secret controller.</summary>
    public override (string Key, string Value)? WorkloadIdentity(InfrastructureNaming naming, string accountId, string environment, string workload) => null;

    /// <summary>A site's classes are its own: no default is assumed.</summary>
    public override bool StorageClassMustBeNamed => true;

    /// <summary>The class the site named in settings; it must exist on the cluster (the validator refuses a missing one).</summary>
    public override StorageClassProfile StorageClass(string configured) =>
        new(configured, null, ImmutableSortedDictionary<string, string>.Empty, "named in settings; must exist on the cluster");


    /// <summary>A site's control plane runs on its own nodes, where Prometheus reaches it.</summary>
    public override bool ControlPlaneScrapable => true;

    /// <summary>A site's cluster runs kube-proxy unless its CNI was installed to replace it.</summary>
    public override bool RunsKubeProxy => true;

    /// <inheritdoc />
    public override ZoneTopology Zones => ZoneTopology.MaybeZonal;

    /// <inheritdoc />
    public override ImmutableArray<string> ClusterRequirements(InfrastructureNaming naming, string environment) =>
        [
            "Kubernetes 1.30 or later (the pods' preStop sleep).",
            "A CNI that enforces NetworkPolicy (Calico, Cilium); without it default-deny is silently not enforced.",
            "A LoadBalancer implementation for ingress-nginx's Service (the MetalLB add-on, or the site's own).",
            "Kubelet serving certificates signed by the cluster CA (kubelet serverTLSBootstrap with its CSRs approved): metrics-server verifies them, and kubeadm's self-signed defaults fail that check.",
            "Nodes (containerd) trust the registry's CA and can pull from it with the pull secret.",
            $"Vault reviews External Secrets' logins with its own token: service account {InfrastructureNaming.SecretStoreIdentity} in {naming.Namespace(environment)} bound to system:auth-delegator (the Terraform add-ons stage does it).",
        ];

    [GeneratedRegex("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex SiteName();
}
