namespace AiNow.Publishing.Model;

/// <summary>
/// Every name the workloads and the infrastructure side must agree on (secret entries, IAM roles,
/// service accounts, registries, DNS names), made in this one place so the Kubernetes and the
/// future Terraform emitters cannot drift apart.
/// </summary>
/// <param name="Application">The application prefix (<c>ainow</c>).</param>
public sealed record InfrastructureNaming(string Application)
{
    /// <summary>The workload-identity subject of the External Secrets controller in each namespace.</summary>
    public const string SecretStoreIdentity = "eso";

    /// <summary>The SecretStore every ExternalSecret of an environment reads from.</summary>
    public const string SecretStoreName = "cloud-secrets";

    /// <summary>The Kubernetes namespace of an environment (<c>ainow-staging</c>).</summary>
    public string Namespace(string environment) => $"{Application}-{environment}";

    /// <summary>The cluster of an environment on any cloud (<c>ainow-staging</c>).</summary>
    public string ClusterName(string environment) => $"{Application}-{environment}";

    /// <summary>The secret-store entry holding a secret parameter (<c>ainow-staging-admin-key</c>).</summary>
    public string SecretName(string environment, string parameter) => $"{Application}-{environment}-{parameter}";

    /// <summary>The secret-store entry holding a managed store's connection string, written by the infrastructure side.</summary>
    public string ConnectionSecretName(string environment, string connection) => $"{Application}-{environment}-{connection}-connection-string";

    /// <summary>The image repository of a workload built from source (<c>ainow/api</c>).</summary>
    public string ImageRepository(string service) => $"{Application}/{service}";

    /// <summary>The IAM role (AWS) or service account id (GCP) of a workload (<c>ainow-staging-api</c>).</summary>
    public string WorkloadIdentityName(string environment, string workload) => $"{Application}-{environment}-{workload}";

    /// <summary>The IAM role ARN an EKS service account assumes (IRSA).</summary>
    public string AwsRoleArn(string accountId, string environment, string workload) =>
        $"arn:aws:iam::{accountId}:role/{WorkloadIdentityName(environment, workload)}";

    /// <summary>The Google service account a GKE service account impersonates (Workload Identity).</summary>
    public string GcpServiceAccountEmail(string projectId, string environment, string workload) =>
        $"{WorkloadIdentityName(environment, workload)}@{projectId}.iam.gserviceaccount.com";

    /// <summary>The private DNS zone of an environment, where managed stores get stable names.</summary>
    public string PrivateDnsZone(string environment) => $"{environment}.{Application}.internal";

    /// <summary>The private DNS name of a managed store (<c>postgres.staging.ainow.internal</c>).</summary>
    public string ManagedStoreHost(string environment, string store) => $"{store}.{PrivateDnsZone(environment)}";

    /// <summary>The reserved global address of the gateway's load balancer (GCP).</summary>
    public string PublicAddressName(string environment) => $"{Application}-{environment}-gateway";

    /// <summary>The Vault Kubernetes-auth mount of an environment's cluster.</summary>
    public string VaultAuthMount(string environment) => $"kubernetes-{Application}-{environment}";

    /// <summary>The Vault role the External Secrets controller logs in as.</summary>
    public string VaultRole(string environment) => $"{Application}-{environment}-{SecretStoreIdentity}";

    /// <summary>The Vault KV v2 mount holding the application's secrets.</summary>
    public string VaultSecretsMount => Application;

    /// <summary>The registry host and path prefix of a cloud target, without the repository.</summary>
    public static string RegistryPrefix(CloudTarget target) => target.Cloud switch
    {
        Cloud.Aws => $"{target.Account.AccountId}.dkr.ecr.{target.Region}.amazonaws.com",
        Cloud.Gcp => $"{target.Region}-docker.pkg.dev/{target.Account.AccountId}",
        Cloud.DigitalOcean => $"registry.digitalocean.com/{target.Account.AccountId}",
        Cloud.OnPrem => target.Account.AccountId,
        _ => throw new ArgumentOutOfRangeException(nameof(target), target.Cloud, "Unknown cloud."),
    };

    /// <summary>The full image name of a workload built from source on a cloud target.</summary>
    public string ImageName(CloudTarget target, string service) => $"{RegistryPrefix(target)}/{ImageRepository(service)}";
}
