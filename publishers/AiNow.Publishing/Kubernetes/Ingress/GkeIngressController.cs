using AiNow.Publishing.Kubernetes.Crds;
using AiNow.Publishing.Model;
using k8s.Models;

namespace AiNow.Publishing.Kubernetes.Ingress;

/// <summary>
/// GKE Ingress: a global external Application Load Balancer on a reserved address, NEG-backed (needed
/// once network policy is on), with a BackendConfig for the timeout, draining and health check.
/// </summary>
internal sealed class GkeIngressController(DeploymentModel model) : IngressController(model)
{
    /// <summary>GKE selects its controller by annotation.</summary>
    public override string? ClassName => null;

    /// <summary>No port 80: the certificate comes from DNS-01, so nothing needs plain http.</summary>
    public override SortedKeyDictionary<string> Annotations(string healthPath) => KubernetesLabels.Sorted(
        ("kubernetes.io/ingress.allow-http", "false"),
        ("kubernetes.io/ingress.class", "gce"));

    /// <summary>Google Front Ends and health checkers.</summary>
    public override List<V1NetworkPolicyPeer> Peers(CloudTarget target) => RangePeers(target);

    /// <summary>The load balancer's timeout (30 s by default), draining and health check for the gateway.</summary>
    public override IEnumerable<object> Objects(ServiceSpec gateway)
    {
        var readiness = gateway.Probes.First(p => p.Kind == ProbeKind.Readiness);
        var port = gateway.Endpoints.First(e => e.Name == readiness.EndpointName).TargetPort;
        yield return new BackendConfig(
            ReleaseOrder.InWave(KubernetesLabels.Metadata(Model.ApplicationName, gateway.Name, gateway.Name), ReleaseOrder.EdgeWave),
            new BackendConfigSpec(Model.Requests.EdgeTimeoutSeconds, new ConnectionDraining(Model.Requests.LongestRequestSeconds), new BackendHealthCheck("HTTP", readiness.Path, port, 10, 5)));
    }

    /// <inheritdoc />
    public override SortedKeyDictionary<string>? EnvironmentAnnotations(string environment) =>
        KubernetesLabels.Sorted(("kubernetes.io/ingress.global-static-ip-name", Model.Naming.PublicAddressName(environment)));

    /// <summary>The environment's Cloud Armor policy (made by its foundation) in front of the gateway.</summary>
    public override IEnumerable<object> EnvironmentPatches(string environment, ServiceSpec gateway) =>
        [new BackendConfigPolicyPatch(gateway.Name, Model.Naming.EdgePolicyName(environment))];

    /// <summary>The gateway's Service is NEG-backed and uses the BackendConfig of the same name.</summary>
    public override IEnumerable<object> ServicePatches(ServiceSpec gateway)
    {
        yield return new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = new V1ObjectMeta
            {
                Name = gateway.Name,
                Annotations = KubernetesLabels.Sorted(
                    ("cloud.google.com/backend-config", $"{{\"default\":\"{gateway.Name}\"}}"),
                    ("cloud.google.com/neg", "{\"ingress\":true}")),
            },
        };
    }

    /// <inheritdoc />
    public override IEnumerable<string> Prerequisites(string environment) =>
        [
            $"A reserved global address `{Model.Naming.PublicAddressName(environment)}`.",
            $"A Cloud Armor security policy `{Model.Naming.EdgePolicyName(environment)}` (the gateway's BackendConfig names it).",
        ];
}
