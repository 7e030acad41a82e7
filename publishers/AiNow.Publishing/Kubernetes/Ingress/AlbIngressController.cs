using System.Globalization;
using AiNow.Publishing.Model;
using k8s.Models;

namespace AiNow.Publishing.Kubernetes.Ingress;

/// <summary>The AWS Load Balancer Controller: an internet-facing ALB with IP targets and an ACM certificate found by host.</summary>
internal sealed class AlbIngressController(DeploymentModel model) : IngressController(model)
{
    /// <inheritdoc />
    public override string? ClassName => "alb";

    /// <inheritdoc />
    public override SortedKeyDictionary<string> Annotations(string healthPath) => KubernetesLabels.Sorted(
        ("alb.ingress.kubernetes.io/backend-protocol", "HTTP"),
        ("alb.ingress.kubernetes.io/healthcheck-path", healthPath),
        ("alb.ingress.kubernetes.io/listen-ports", "[{\"HTTPS\":443}]"),
        ("alb.ingress.kubernetes.io/load-balancer-attributes", $"idle_timeout.timeout_seconds={EdgeTimeout}"),
        ("alb.ingress.kubernetes.io/scheme", "internet-facing"),
        ("alb.ingress.kubernetes.io/ssl-policy", "ELBSecurityPolicy-TLS13-1-2-2021-06"),
        // In-flight requests on a deregistered target may run as long as the longest request.
        ("alb.ingress.kubernetes.io/target-group-attributes", $"deregistration_delay.timeout_seconds={Model.Requests.LongestRequestSeconds.ToString(CultureInfo.InvariantCulture)}"),
        ("alb.ingress.kubernetes.io/target-type", "ip"));

    /// <summary>An ALB with IP targets connects from its nodes in the VPC's public subnets.</summary>
    public override List<V1NetworkPolicyPeer> Peers(CloudTarget target) => RangePeers(target);

    /// <summary>
    /// The controller adds a readiness gate to pods a target group already selects, so a rolling update
    /// waits until the ALB sends new pods traffic. Blue/green pods are selected only at the switch;
    /// Argo Rollouts' --aws-verify-target-group covers them (a cluster requirement).
    /// </summary>
    public override IEnumerable<KeyValuePair<string, string>> NamespaceLabels => [new("elbv2.k8s.aws/pod-readiness-gate-inject", "enabled")];
}
