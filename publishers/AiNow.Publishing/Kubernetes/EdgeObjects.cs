using System.Globalization;
using AiNow.Publishing.Kubernetes.Crds;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;
using k8s.Models;

namespace AiNow.Publishing.Kubernetes;

/// <summary>
/// The public edge per ingress mode: the controller's annotations (with timeouts that outlast the
/// longest request), GKE's NEG and BackendConfig, the ClusterIssuer name and the public paths.
/// </summary>
/// <param name="model">The deployment model.</param>
internal sealed class EdgeObjects(DeploymentModel model)
{
    /// <summary>The only path prefix served publicly; <c>/admin</c> stays off the edge (reach it with <c>kubectl port-forward</c>).</summary>
    public const string PublicPathPrefix = "/v1";

    /// <summary>The cert-manager ClusterIssuer (ACME DNS-01) the Certificates name.</summary>
    public const string ClusterIssuer = "letsencrypt-dns01";

    private string EdgeTimeout => model.Requests.EdgeTimeoutSeconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>The IngressClass, or null where GKE selects its controller by annotation.</summary>
    public static string? IngressClass(IngressMode mode) => mode switch
    {
        IngressMode.AwsAlb => "alb",
        IngressMode.GkeIngress => null,
        _ => "nginx",
    };

    /// <summary>The controller's annotations; <paramref name="healthPath"/> is the gateway's readiness path.</summary>
    public SortedDictionary<string, string> IngressAnnotations(IngressMode mode, string healthPath)
    {
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        switch (mode)
        {
            case IngressMode.AwsAlb:
                annotations["alb.ingress.kubernetes.io/backend-protocol"] = "HTTP";
                annotations["alb.ingress.kubernetes.io/healthcheck-path"] = healthPath;
                annotations["alb.ingress.kubernetes.io/listen-ports"] = "[{\"HTTPS\":443}]";
                annotations["alb.ingress.kubernetes.io/load-balancer-attributes"] = $"idle_timeout.timeout_seconds={EdgeTimeout}";
                annotations["alb.ingress.kubernetes.io/scheme"] = "internet-facing";
                annotations["alb.ingress.kubernetes.io/ssl-policy"] = "ELBSecurityPolicy-TLS13-1-2-2021-06";
                // In-flight requests on a deregistered target may run as long as the longest request.
                annotations["alb.ingress.kubernetes.io/target-group-attributes"] = $"deregistration_delay.timeout_seconds={model.Requests.LongestRequestSeconds.ToString(CultureInfo.InvariantCulture)}";
                annotations["alb.ingress.kubernetes.io/target-type"] = "ip";
                break;
            case IngressMode.GkeIngress:
                // No port 80: the certificate comes from DNS-01, so nothing needs plain http.
                annotations["kubernetes.io/ingress.allow-http"] = "false";
                annotations["kubernetes.io/ingress.class"] = "gce";
                break;
            default:
                // The gateway enforces the request size limit itself (a problem+json 413); nginx's own
                // limit sits above it so callers always get the gateway's answer.
                annotations["nginx.ingress.kubernetes.io/force-ssl-redirect"] = "true";
                annotations["nginx.ingress.kubernetes.io/proxy-body-size"] = "8m";
                annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"] = EdgeTimeout;
                annotations["nginx.ingress.kubernetes.io/proxy-send-timeout"] = EdgeTimeout;
                annotations["nginx.ingress.kubernetes.io/ssl-redirect"] = "true";
                break;
        }

        return annotations;
    }

    /// <summary>
    /// GKE: the gateway's Service is NEG-backed (container-native load balancing, needed once network
    /// policy is on) and uses the BackendConfig of the same name.
    /// </summary>
    public static V1Service GkeServicePatch(ServiceSpec gateway) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta
        {
            Name = gateway.Name,
            Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["cloud.google.com/backend-config"] = $"{{\"default\":\"{gateway.Name}\"}}",
                ["cloud.google.com/neg"] = "{\"ingress\":true}",
            },
        },
    };

    /// <summary>GKE's backend timeout (30 s by default), draining and health check for the gateway.</summary>
    public BackendConfig GkeBackendConfig(ServiceSpec gateway)
    {
        var readiness = gateway.Probes.First(p => p.Kind == ProbeKind.Readiness);
        var port = gateway.Endpoints.First(e => e.Name == readiness.EndpointName).TargetPort;
        return new BackendConfig(
            KubernetesLabels.Metadata(model.ApplicationName, gateway.Name, gateway.Name),
            new BackendConfigSpec(model.Requests.EdgeTimeoutSeconds, new ConnectionDraining(model.Requests.LongestRequestSeconds), new BackendHealthCheck("HTTP", readiness.Path, port, 10, 5)));
    }

    /// <summary>The storage class the output creates for in-cluster store volumes.</summary>
    public V1StorageClass StorageClass(StorageClassProfile profile) => new()
    {
        ApiVersion = "storage.k8s.io/v1",
        Kind = "StorageClass",
        Metadata = KubernetesLabels.Metadata(model.ApplicationName, profile.Name, null),
        Provisioner = profile.Provisioner,
        Parameters = new SortedDictionary<string, string>(profile.Parameters, StringComparer.Ordinal),
        // Only in-cluster (non-production-grade) stores use it: a torn-down sandbox leaves no billed volumes.
        ReclaimPolicy = "Delete",
        VolumeBindingMode = "WaitForFirstConsumer",
        AllowVolumeExpansion = true,
    };
}
