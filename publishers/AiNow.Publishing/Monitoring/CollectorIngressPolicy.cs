using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;
using k8s.Models;

namespace AiNow.Publishing.Monitoring;

/// <summary>
/// The NetworkPolicy in front of the OpenTelemetry Collector: OTLP only from the application's
/// namespace, the Prometheus exporter and the collector's own metrics only from Prometheus, the health check only from the nodes.
/// Nothing in the monitoring namespace exports OTLP to the collector (Prometheus, Alertmanager, Grafana,
/// Loki and Tempo keep their own telemetry), so no pod there is admitted to the OTLP ports.
/// Ingress only: the collector writes to the clouds' logging and tracing APIs, whose public addresses
/// change without notice, so its egress stays open.
/// </summary>
internal static class CollectorIngressPolicy
{
    /// <summary>The file in each monitoring kustomization.</summary>
    public const string FileName = "collector-network-policy.yaml";

    /// <summary>The label kube-prometheus-stack's Prometheus pods carry (set by the Prometheus operator on every Prometheus it runs).</summary>
    public static (string Key, string Value) PrometheusPods => (KubernetesLabels.Name, "prometheus");

    /// <summary>The collector's pods, as the collector chart labels them and the application's egress policy selects them.</summary>
    public static (string Key, string Value) CollectorPods => (KubernetesLabels.Name, TelemetryPlan.CollectorPodName);

    /// <summary>The policy of <paramref name="environment"/> on <paramref name="target"/>.</summary>
    public static V1NetworkPolicy Build(DeploymentModel model, EnvironmentPlan environment, CloudTarget target)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(target);
        return new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = KubernetesLabels.Metadata(model.ApplicationName, "allow-collector-ingress", null, (KubernetesLabels.PolicyKind, "telemetry")),
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = KubernetesLabels.Sorted(CollectorPods) },
                PolicyTypes = ["Ingress"],
                Ingress =
                [
                    new V1NetworkPolicyIngressRule
                    {
                        FromProperty = [new V1NetworkPolicyPeer { NamespaceSelector = new V1LabelSelector { MatchLabels = KubernetesLabels.Sorted((NamespaceNameLabel, model.Naming.Namespace(environment.Name))) } }],
                        Ports = [Tcp(CollectorConfig.OtlpGrpcPort), Tcp(CollectorConfig.OtlpHttpPort)],
                    },
                    new V1NetworkPolicyIngressRule
                    {
                        FromProperty = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = KubernetesLabels.Sorted(PrometheusPods) } }],
                        Ports = [Tcp(TelemetryDestinations.CollectorMetricsPort), Tcp(CollectorConfig.SelfMetricsPort)],
                    },
                    // The kubelet probes the health check from its node. Most CNIs (Calico, the AWS VPC
                    // CNI, Cilium in its default mode) let a node's own traffic into its
                    // pods whatever the policies say, but some evaluate it (Cilium with host policies,
                    // GKE Dataplane V2): there a policy without this rule fails every probe and restarts
                    // the collector. Admitting the nodes' range costs nothing (the endpoint reports
                    // status only), so the rule is there on every target.
                    new V1NetworkPolicyIngressRule
                    {
                        FromProperty = [new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = target.Network } }],
                        Ports = [Tcp(CollectorConfig.HealthCheckPort)],
                    },
                ],
            },
        };
    }

    /// <summary>The label Kubernetes puts on every namespace, holding its name.</summary>
    private const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    private static V1NetworkPolicyPort Tcp(int port) => new() { Protocol = "TCP", Port = port };
}
