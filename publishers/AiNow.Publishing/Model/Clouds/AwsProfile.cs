using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace AiNow.Publishing.Model.Clouds;

/// <summary>Amazon EKS with RDS, ElastiCache, ECR, Secrets Manager, ACM and the AWS Load Balancer Controller.</summary>
public sealed partial record AwsProfile : CloudProfile
{
    /// <inheritdoc />
    public override Cloud Cloud => Cloud.Aws;

    /// <inheritdoc />
    public override string KubernetesService => "Amazon EKS";

    /// <inheritdoc />
    public override string DefaultRegion => "us-east-1";

    /// <inheritdoc />
    public override Regex RegionPattern => Region();

    /// <summary>IAM role names are at most 64 characters.</summary>
    public override int IdentityNameMaxLength => 64;

    /// <summary>The audit bucket's prefix, <c>{name}-audit-</c>, leaves 30 characters of S3's 37 for a bucket prefix.</summary>
    public override int ClusterNameMaxLength => 30;

    /// <summary>A VPC takes /16 to /28; pods take VPC addresses with the VPC CNI, so the foundation wants /16 to /20.</summary>
    public override (int Shortest, int Longest) NetworkPrefixLengths => (16, 20);

    /// <inheritdoc />
    public override StoreEndpointProfile ManagedPostgres { get; } = new(5432, Tls: true, "Amazon RDS for PostgreSQL");

    /// <summary>ElastiCache (Valkey) with in-transit encryption listens on the usual port.</summary>
    public override StoreEndpointProfile ManagedRedis { get; } = new(6379, Tls: true, "Amazon ElastiCache for Valkey");

    /// <summary>NodeLocal DNSCache, when the cluster runs it.</summary>
    public override ImmutableArray<string> NodeDnsAddresses { get; } = ["169.254.20.10/32"];

    /// <inheritdoc />
    public override RegistryAccess RegistryAccess => RegistryAccess.NodeIdentity;

    /// <inheritdoc />
    public override SecretBackend SecretBackend => SecretBackend.AwsSecretsManager;

    /// <inheritdoc />
    public override TelemetryBackend TelemetryBackend => TelemetryBackend.CloudWatchAndXRay;

    /// <inheritdoc />
    public override CertificateMode CertificateMode => CertificateMode.AwsCertificateManager;

    /// <inheritdoc />
    public override IngressMode IngressMode => IngressMode.AwsAlb;

    /// <inheritdoc />
    public override ImmutableArray<AddOn> AddOns { get; } = [KnownAddOns.AwsLoadBalancerController, KnownAddOns.AwsEbsCsiDriver, KnownAddOns.MetricsServer, KnownAddOns.ClusterAutoscaler, KnownAddOns.ExternalSecrets, ArgoRolloutsVerifyingTargetGroups, KnownAddOns.Prometheus, KnownAddOns.OpenTelemetryCollector];

    /// <summary>
    /// Argo Rollouts that waits, before a blue/green switch, until the ALB sends the new pods traffic
    /// (<c>--aws-verify-target-group</c>), reading target health as its own IAM role.
    /// </summary>
    private static AddOn ArgoRolloutsVerifyingTargetGroups { get; } = KnownAddOns.ArgoRollouts with
    {
        Chart = KnownAddOns.ArgoRollouts.Chart!.With(
            new("controller.extraArgs[0]", "--aws-verify-target-group"),
            new(KnownAddOns.AwsRoleAnnotation, "<role ARN>", HelmValue.AddOnRoleArn)),
    };

    /// <inheritdoc />
    public override string RegistryPrefix(string accountId, string region) => $"{accountId}.dkr.ecr.{region}.amazonaws.com";

    /// <summary>An ALB with IP targets connects from its nodes in the VPC's public subnets.</summary>
    public override ImmutableArray<string> IngressSourceRanges(string network) => [network];

    /// <inheritdoc />
    public override (string Key, string Value)? WorkloadIdentity(InfrastructureNaming naming, string accountId, string environment, string workload) =>
        ("eks.amazonaws.com/role-arn", naming.AwsRoleArn(accountId, environment, workload));

    /// <summary>A stock EKS cluster has only the in-tree <c>gp2</c> class: the output creates an encrypted gp3 class for the EBS CSI driver.</summary>
    public override StorageClassProfile StorageClass(string configured) => new(
        configured,
        "ebs.csi.aws.com",
        ImmutableSortedDictionary.CreateRange<string, string>(StringComparer.Ordinal, [new("encrypted", "true"), new("type", "gp3")]),
        "created by the overlay (EBS CSI driver, gp3, encrypted)");


    /// <summary>EKS runs the control plane out of the cluster's reach.</summary>
    public override bool ControlPlaneScrapable => false;

    /// <summary>EKS runs kube-proxy as a node add-on.</summary>
    public override bool RunsKubeProxy => true;

    /// <inheritdoc />
    public override ZoneTopology Zones => ZoneTopology.Zonal;

    /// <inheritdoc />
    public override ImmutableArray<string> ClusterRequirements(InfrastructureNaming naming, string environment) =>
        [
            "Kubernetes 1.30 or later (the pods' preStop sleep).",
            "Network policy enforcement: the VPC CNI add-on with enableNetworkPolicy=true (without it default-deny is silently not enforced).",
            $"IAM roles for the add-ons: {naming.AddOnRoleName(environment, "aws-load-balancer-controller")} (helm --set serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn=<its ARN>), {naming.AddOnRoleName(environment, KnownAddOns.ClusterAutoscaler.Name)} (the same on the cluster-autoscaler chart) and {naming.AddOnRoleName(environment, "ebs-csi-driver")} (create-addon --service-account-role-arn <its ARN>).",
            "Public subnets tagged kubernetes.io/role/elb=1 (the ALB is internet-facing).",
            $"An IAM role for Argo Rollouts, {naming.AddOnRoleName(environment, KnownAddOns.ArgoRollouts.Name)} (elasticloadbalancing:DescribeTargetGroups, DescribeTargetHealth): its controller runs with --aws-verify-target-group, so a blue/green switch waits until the ALB sends the new pods traffic.",
        ];

    [GeneratedRegex(@"^[a-z]{2}(-gov)?-[a-z]+-\d$", RegexOptions.CultureInvariant)]
    private static partial Regex Region();
}
