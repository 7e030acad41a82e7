using System.Globalization;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;
using k8s.Models;

namespace AiNow.Publishing.Kubernetes.Ingress;

/// <summary>
/// Everything one ingress controller needs from the output, in one home per controller: its class and
/// annotations (timeouts that outlast the longest request), who it connects from, what it adds to
/// the namespace, the gateway's Service and Ingress, and what the runbook must say about it.
/// </summary>
/// <param name="model">The deployment model.</param>
internal abstract class IngressController(DeploymentModel model)
{
    /// <summary>The only path prefix served publicly; <c>/admin</c> stays off the edge (reach it with <c>kubectl port-forward</c>).</summary>
    public const string PublicPathPrefix = "/v1";

    /// <summary>The cert-manager ClusterIssuer (ACME DNS-01) the Certificates name.</summary>
    public const string ClusterIssuer = "letsencrypt-dns01";

    protected DeploymentModel Model => model;

    /// <summary>The edge timeout as annotation text.</summary>
    protected string EdgeTimeout => model.Requests.EdgeTimeoutSeconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>The IngressClass, or null where the controller is selected by annotation.</summary>
    public abstract string? ClassName { get; }

    /// <summary>The controller's annotations on the gateway's Ingress; <paramref name="healthPath"/> is the gateway's readiness path.</summary>
    public abstract SortedKeyDictionary<string> Annotations(string healthPath);

    /// <summary>Who the controller connects to pods from.</summary>
    public abstract List<V1NetworkPolicyPeer> Peers(CloudTarget target);

    /// <summary>True when cert-manager's HTTP-01 solver pods in the namespace are reached through this controller.</summary>
    public virtual bool ServesAcmeSolvers => false;

    /// <summary>Labels the controller reads on the namespace.</summary>
    public virtual IEnumerable<KeyValuePair<string, string>> NamespaceLabels => [];

    /// <summary>Objects the controller needs beside the Ingress.</summary>
    public virtual IEnumerable<object> Objects(ServiceSpec gateway) => [];

    /// <summary>Annotations the controller needs on the gateway's Ingress per environment, or null.</summary>
    public virtual SortedKeyDictionary<string>? EnvironmentAnnotations(string environment) => null;

    /// <summary>Patches of this environment to the controller's own objects (the edge policy it enforces).</summary>
    public virtual IEnumerable<object> EnvironmentPatches(string environment, ServiceSpec gateway) => [];

    /// <summary>Patches to the gateway's Service.</summary>
    public virtual IEnumerable<object> ServicePatches(ServiceSpec gateway) => [];

    /// <summary>What must exist before the Ingress works, for the runbook.</summary>
    public virtual IEnumerable<string> Prerequisites(string environment) => [];

    /// <summary>The controller of <paramref name="mode"/>.</summary>
    public static IngressController For(IngressMode mode, DeploymentModel model) => mode switch
    {
        IngressMode.AwsAlb => new AlbIngressController(model),
        IngressMode.GkeIngress => new GkeIngressController(model),
        IngressMode.Nginx => new NginxIngressController(model),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown ingress mode."),
    };

    /// <summary>Peers from the load balancer's source ranges.</summary>
    protected static List<V1NetworkPolicyPeer> RangePeers(CloudTarget target) =>
        target.Profile.IngressSourceRanges(target.Network).Select(range => new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = range } }).ToList();
}
