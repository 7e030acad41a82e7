using AiNow.Publishing.Model;
using k8s.Models;

namespace AiNow.Publishing.Kubernetes;

/// <summary>
/// Network policies: deny everything, then allow DNS (per cloud), exactly the reference edges of the app model
/// (an egress rule at the caller and an ingress rule at the callee, both labelled with the edge),
/// the ingress controller to the public workload and the declared internet egress. Nothing else.
/// </summary>
/// <param name="model">The deployment model.</param>
internal sealed class NetworkPolicyRules(DeploymentModel model)
{
    private static readonly string[] PrivateRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/10"];

    /// <summary>Denies all ingress and egress of every pod in the namespace.</summary>
    public V1NetworkPolicy DefaultDeny() => Policy("default-deny", "baseline", null, new V1NetworkPolicySpec
    {
        PodSelector = new V1LabelSelector(),
        PolicyTypes = ["Ingress", "Egress"],
    });

    /// <summary>
    /// Lets every pod resolve names: the kube-dns pods, and the link-local addresses that answer DNS
    /// on the target's cloud (GKE's Cloud DNS on the metadata server, NodeLocal DNSCache), TCP and UDP 53.
    /// </summary>
    public V1NetworkPolicy AllowDns(CloudTarget target) => Policy("allow-dns-egress", "baseline", null, new V1NetworkPolicySpec
    {
        PodSelector = new V1LabelSelector(),
        PolicyTypes = ["Egress"],
        Egress =
        [
            new V1NetworkPolicyEgressRule
            {
                To =
                [
                    KubernetesLabels.PodsIn("kube-system", ("k8s-app", "kube-dns")),
                    .. target.Profile.NodeDnsAddresses.Select(address => new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = address } }),
                ],
                Ports = [new V1NetworkPolicyPort { Protocol = "UDP", Port = 53 }, new V1NetworkPolicyPort { Protocol = "TCP", Port = 53 }],
            },
        ],
    });

    /// <summary>
    /// Lets the ingress controller reach cert-manager's ACME HTTP-01 solver pods (port 8089), which
    /// cert-manager creates in this namespace when an issuer uses HTTP-01; default-deny would block them.
    /// </summary>
    public V1NetworkPolicy AcmeSolver(CloudTarget target) => Policy("allow-ingress-controller-to-acme-solver", "ingress-controller", null, new V1NetworkPolicySpec
    {
        PodSelector = new V1LabelSelector { MatchLabels = KubernetesLabels.Sorted((AcmeSolverLabel, "true")) },
        PolicyTypes = ["Ingress"],
        Ingress = [new V1NetworkPolicyIngressRule { FromProperty = Controller(target).Peers(target), Ports = [Tcp(AcmeSolverPort)] }],
    });

    /// <summary>Lets every pod export OpenTelemetry data to the in-cluster collector, and nothing else of the monitoring namespace.</summary>
    public V1NetworkPolicy TelemetryExport(TelemetryPlan telemetry, string collectorNamespace) => Policy("allow-telemetry-export", "baseline", null, new V1NetworkPolicySpec
    {
        PodSelector = new V1LabelSelector(),
        PolicyTypes = ["Egress"],
        Egress =
        [
            new V1NetworkPolicyEgressRule
            {
                To =
                [
                    KubernetesLabels.PodsIn(collectorNamespace, (KubernetesLabels.Name, TelemetryPlan.CollectorPodName)),
                ],
                Ports = [Tcp(telemetry.CollectorPort)],
            },
        ],
    });

    /// <summary>The label cert-manager puts on its HTTP-01 solver pods.</summary>
    public const string AcmeSolverLabel = "acme.cert-manager.io/http01-solver";

    /// <summary>The port cert-manager's HTTP-01 solver listens on.</summary>
    public const int AcmeSolverPort = 8089;

    /// <summary>An edge between two pods of the namespace: egress at the caller, ingress at the callee.</summary>
    public IEnumerable<V1NetworkPolicy> EdgeBetweenPods(ReferenceEdge edge)
    {
        yield return Policy($"edge-{edge.Id}-egress", "edge", edge.Id, new V1NetworkPolicySpec
        {
            PodSelector = Select(edge.From),
            PolicyTypes = ["Egress"],
            Egress = [new V1NetworkPolicyEgressRule { To = [new V1NetworkPolicyPeer { PodSelector = Select(edge.TargetWorkload) }], Ports = [Tcp(edge.Port)] }],
        });
        yield return Policy($"edge-{edge.Id}-ingress", "edge", edge.Id, new V1NetworkPolicySpec
        {
            PodSelector = Select(edge.TargetWorkload),
            PolicyTypes = ["Ingress"],
            Ingress = [new V1NetworkPolicyIngressRule { FromProperty = [new V1NetworkPolicyPeer { PodSelector = Select(edge.From) }], Ports = [Tcp(edge.Port)] }],
        });
    }

    /// <summary>An edge to a managed store outside the cluster: egress at the caller to the store's range, on the port its cloud uses.</summary>
    public V1NetworkPolicy EdgeToManagedStore(ReferenceEdge edge, StoreAddress store) => Policy($"edge-{edge.Id}-egress", "edge", edge.Id, new V1NetworkPolicySpec
    {
        PodSelector = Select(edge.From),
        PolicyTypes = ["Egress"],
        Egress = [new V1NetworkPolicyEgressRule { To = [new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = store.Network } }], Ports = [Tcp(store.Port)] }],
    });

    /// <summary>Lets a workload reach the internet (public addresses only) on its declared ports.</summary>
    public V1NetworkPolicy ExternalEgress(ExternalEgress egress) => Policy($"allow-{egress.Service}-to-internet", "external-egress", null, new V1NetworkPolicySpec
    {
        PodSelector = Select(egress.Service),
        PolicyTypes = ["Egress"],
        Egress =
        [
            new V1NetworkPolicyEgressRule
            {
                To = [new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = "0.0.0.0/0", Except = [.. PrivateRanges] } }],
                Ports = egress.Ports.Select(Tcp).ToList(),
            },
        ],
    });

    /// <summary>Lets the cloud's ingress controller (or load balancer) reach the public workload.</summary>
    public V1NetworkPolicy IngressController(CloudTarget target, ServiceSpec service)
    {
        var port = service.Endpoints.First(e => e.IsExternal).TargetPort;
        return Policy($"allow-ingress-controller-to-{service.Name}", "ingress-controller", null, new V1NetworkPolicySpec
        {
            PodSelector = Select(service.Name),
            PolicyTypes = ["Ingress"],
            Ingress = [new V1NetworkPolicyIngressRule { FromProperty = Controller(target).Peers(target), Ports = [Tcp(port)] }],
        });
    }

    private Ingress.IngressController Controller(CloudTarget target) => Ingress.IngressController.For(target.Profile.IngressMode, model);

    private V1NetworkPolicy Policy(string name, string kind, string? edge, V1NetworkPolicySpec spec)
    {
        var extra = edge is null
            ? new[] { (KubernetesLabels.PolicyKind, kind) }
            : [(KubernetesLabels.PolicyKind, kind), (KubernetesLabels.Edge, edge)];
        return new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = KubernetesLabels.Metadata(model.ApplicationName, name, null, extra),
            Spec = spec,
        };
    }

    private static V1LabelSelector Select(string workload) => new() { MatchLabels = KubernetesLabels.Selector(workload) };

    private static V1NetworkPolicyPort Tcp(int port) => new() { Protocol = "TCP", Port = port };
}
