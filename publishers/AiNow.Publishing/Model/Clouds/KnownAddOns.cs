namespace AiNow.Publishing.Model.Clouds;

/// <summary>
/// The cluster add-ons the output is written for, each pinned to the version its objects were
/// checked against (the schemas in the validation lockfile). One home, so the overview, README and
/// profiles quote the same versions.
/// </summary>
public static class KnownAddOns
{
    /// <summary>External Secrets Operator: the <c>external-secrets.io/v1</c> SecretStore and ExternalSecrets.</summary>
    public static AddOn ExternalSecrets { get; } = new(
        "external-secrets", "0.17.0", "SecretStore and ExternalSecrets (external-secrets.io/v1)",
        "helm upgrade --install external-secrets external-secrets --repo https://charts.external-secrets.io --version 0.17.0 -n external-secrets --create-namespace");

    /// <summary>Argo Rollouts: canary and blue/green Rollouts and their AnalysisTemplates.</summary>
    public static AddOn ArgoRollouts { get; } = new(
        "argo-rollouts", "1.8.3", "Rollouts and AnalysisTemplates (argoproj.io/v1alpha1) in environments with progressive delivery",
        "helm upgrade --install argo-rollouts argo-rollouts --repo https://argoproj.github.io/argo-helm --version 2.39.6 -n argo-rollouts --create-namespace");

    /// <summary>Prometheus (kube-prometheus-stack): the rollout analysis queries it.</summary>
    public static AddOn Prometheus { get; } = new(
        "kube-prometheus-stack", "75.15.1", "the Prometheus the rollout analysis queries (prometheus-operated.monitoring:9090)",
        "helm upgrade --install kube-prometheus-stack kube-prometheus-stack --repo https://prometheus-community.github.io/helm-charts --version 75.15.1 -n monitoring --create-namespace");

    /// <summary>cert-manager with an ACME DNS-01 ClusterIssuer.</summary>
    public static AddOn CertManager { get; } = new(
        "cert-manager", "1.17.2", "the gateway's Certificate; a ClusterIssuer named as in the overview with a DNS-01 solver for the zone of the public names",
        "helm upgrade --install cert-manager cert-manager --repo https://charts.jetstack.io --version v1.17.2 -n cert-manager --create-namespace --set crds.enabled=true");

    /// <summary>ingress-nginx.</summary>
    public static AddOn IngressNginx { get; } = new(
        "ingress-nginx", "1.12.1", "IngressClass nginx for the gateway's Ingress (namespace ingress-nginx, pods labelled app.kubernetes.io/name=ingress-nginx)",
        "helm upgrade --install ingress-nginx ingress-nginx --repo https://kubernetes.github.io/ingress-nginx --version 4.12.1 -n ingress-nginx --create-namespace");

    /// <summary>AWS Load Balancer Controller.</summary>
    public static AddOn AwsLoadBalancerController { get; } = new(
        "aws-load-balancer-controller", "2.13.0", "IngressClass alb, pod readiness gates, the ALB's idle timeout",
        "helm upgrade --install aws-load-balancer-controller aws-load-balancer-controller --repo https://aws.github.io/eks-charts --version 1.13.0 -n kube-system --set clusterName=<cluster> --set serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn=<role ARN>");

    /// <summary>metrics-server: the HPAs' CPU metrics (GKE and DOKS ship it).</summary>
    public static AddOn MetricsServer { get; } = new(
        "metrics-server", "0.7.2", "CPU metrics for the HorizontalPodAutoscalers",
        "helm upgrade --install metrics-server metrics-server --repo https://kubernetes-sigs.github.io/metrics-server --version 3.12.2 -n kube-system");

    /// <summary>MetalLB: LoadBalancer Services on a site without a cloud load balancer.</summary>
    public static AddOn MetalLb { get; } = new(
        "metallb", "0.14.9", "an address for ingress-nginx's LoadBalancer Service (plus an IPAddressPool of the site's)",
        "helm upgrade --install metallb metallb --repo https://metallb.github.io/metallb --version 0.14.9 -n metallb-system --create-namespace");

    /// <summary>The kubectl plugin of Argo Rollouts, used by the runbook to watch and promote.</summary>
    public static AddOn ArgoRolloutsPlugin { get; } = new(
        "kubectl-argo-rollouts", "1.8.3", "watching and promoting Rollouts from the runbook (on the operator's machine)",
        "install the kubectl-argo-rollouts binary v1.8.3 from the Argo Rollouts release");

    /// <summary>The EBS CSI driver (EKS add-on).</summary>
    public static AddOn AwsEbsCsiDriver { get; } = new(
        "aws-ebs-csi-driver", "1.44.0", "the provisioner of the gp3 StorageClass the output creates",
        "aws eks create-addon --cluster-name <cluster> --addon-name aws-ebs-csi-driver --addon-version v1.44.0-eksbuild.1 --service-account-role-arn <role ARN>");
}
