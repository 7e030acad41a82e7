using AiNow.Publishing.Model;
using k8s.Models;

namespace AiNow.Publishing.Kubernetes.Ingress;

/// <summary>ingress-nginx behind the cloud's or the site's load balancer.</summary>
internal sealed class NginxIngressController(DeploymentModel model) : IngressController(model)
{
    /// <inheritdoc />
    public override string? ClassName => "nginx";

    /// <summary>
    /// The gateway enforces the request size limit itself (a problem+json 413); nginx's own limit sits
    /// above it so callers always get the gateway's answer.
    /// </summary>
    public override SortedKeyDictionary<string> Annotations(string healthPath) => KubernetesLabels.Sorted(
        ("nginx.ingress.kubernetes.io/force-ssl-redirect", "true"),
        ("nginx.ingress.kubernetes.io/proxy-body-size", "8m"),
        ("nginx.ingress.kubernetes.io/proxy-read-timeout", EdgeTimeout),
        ("nginx.ingress.kubernetes.io/proxy-send-timeout", EdgeTimeout),
        ("nginx.ingress.kubernetes.io/ssl-redirect", "true"));

    /// <summary>The ingress-nginx pods.</summary>
    public override List<V1NetworkPolicyPeer> Peers(CloudTarget target) =>
    [
        KubernetesLabels.PodsIn("ingress-nginx", (KubernetesLabels.Name, "ingress-nginx")),
    ];

    /// <summary>The ClusterIssuer is the site's choice; if it solves HTTP-01, nginx routes the challenge to the solver pods.</summary>
    public override bool ServesAcmeSolvers => true;
}
