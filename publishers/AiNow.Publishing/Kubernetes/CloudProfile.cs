using AiNow.Publishing.Model;
using k8s.Models;

namespace AiNow.Publishing.Kubernetes;

/// <summary>
/// What differs between the clouds on the Kubernetes side: ingress class and annotations, who
/// reaches the gateway, TLS, workload-identity annotations and the secret-store provider.
/// </summary>
internal static class CloudProfile
{
    /// <summary>The cert-manager ClusterIssuer expected on clusters that use cert-manager.</summary>
    public const string ClusterIssuer = "letsencrypt";

    /// <summary>The name used in folder and file names (<c>aws</c>, <c>digitalocean</c>).</summary>
    public static string Key(Cloud cloud) => cloud switch
    {
        Cloud.Aws => "aws",
        Cloud.Gcp => "gcp",
        Cloud.DigitalOcean => "digitalocean",
        _ => "onprem",
    };

    /// <summary>True when TLS comes from cert-manager; AWS load balancers use ACM certificates found by host name.</summary>
    public static bool UsesCertManager(Cloud cloud) => cloud != Cloud.Aws;

    /// <summary>The IngressClass, or null where the cloud selects its controller by annotation (GKE).</summary>
    public static string? IngressClass(Cloud cloud) => cloud switch
    {
        Cloud.Aws => "alb",
        Cloud.Gcp => null,
        _ => "nginx",
    };

    /// <summary>The cloud's ingress annotations; <paramref name="healthPath"/> is the gateway's readiness path.</summary>
    public static SortedDictionary<string, string> IngressAnnotations(Cloud cloud, string healthPath)
    {
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        switch (cloud)
        {
            case Cloud.Aws:
                annotations["alb.ingress.kubernetes.io/backend-protocol"] = "HTTP";
                annotations["alb.ingress.kubernetes.io/healthcheck-path"] = healthPath;
                annotations["alb.ingress.kubernetes.io/listen-ports"] = "[{\"HTTPS\":443}]";
                annotations["alb.ingress.kubernetes.io/scheme"] = "internet-facing";
                annotations["alb.ingress.kubernetes.io/ssl-policy"] = "ELBSecurityPolicy-TLS13-1-2-2021-06";
                annotations["alb.ingress.kubernetes.io/target-type"] = "ip";
                break;
            case Cloud.Gcp:
                annotations["kubernetes.io/ingress.allow-http"] = "false";
                annotations["kubernetes.io/ingress.class"] = "gce";
                break;
            default:
                // The gateway enforces the request size limit itself (a problem+json 413); nginx's own
                // limit sits above it so callers always get the gateway's answer.
                annotations["nginx.ingress.kubernetes.io/force-ssl-redirect"] = "true";
                annotations["nginx.ingress.kubernetes.io/proxy-body-size"] = "8m";
                annotations["nginx.ingress.kubernetes.io/ssl-redirect"] = "true";
                break;
        }

        return annotations;
    }

    /// <summary>Who may reach the public workload: the load balancer's addresses or the ingress-nginx pods.</summary>
    public static List<V1NetworkPolicyPeer> IngressControllerPeers(Cloud cloud, string vpcCidr) => cloud switch
    {
        // ALB in IP mode connects from its nodes in the VPC's public subnets.
        Cloud.Aws => [new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = vpcCidr } }],

        // Google Front Ends and health checkers (container-native load balancing).
        Cloud.Gcp =>
        [
            new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = "35.191.0.0/16" } },
            new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = "130.211.0.0/22" } },
        ],
        _ =>
        [
            new V1NetworkPolicyPeer
            {
                NamespaceSelector = new V1LabelSelector { MatchLabels = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["kubernetes.io/metadata.name"] = "ingress-nginx" } },
                PodSelector = new V1LabelSelector { MatchLabels = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["app.kubernetes.io/name"] = "ingress-nginx" } },
            },
        ],
    };

    /// <summary>The annotation binding a service account to a cloud identity, or null where there is none.</summary>
    public static (string Key, string Value)? WorkloadIdentity(InfrastructureNaming naming, CloudTarget target, string environment, string workload) => target.Cloud switch
    {
        Cloud.Aws => ("eks.amazonaws.com/role-arn", naming.AwsRoleArn(target.Account.AccountId, environment, workload)),
        Cloud.Gcp => ("iam.gke.io/gcp-service-account", naming.GcpServiceAccountEmail(target.Account.AccountId, environment, workload)),
        _ => null,
    };
}
