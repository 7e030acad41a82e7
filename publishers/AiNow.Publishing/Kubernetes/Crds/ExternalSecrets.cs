using k8s.Models;

namespace AiNow.Publishing.Kubernetes.Crds;

// Typed models of the External Secrets Operator objects we emit (external-secrets.io/v1).

/// <summary>Makes a Kubernetes Secret from entries of a cloud secret store.</summary>
public sealed record ExternalSecret(string ApiVersion, string Kind, V1ObjectMeta Metadata, ExternalSecretSpec Spec)
{
    /// <summary>A ExternalSecret of <c>external-secrets.io/v1</c>; apiVersion and kind come first in the YAML.</summary>
    public ExternalSecret(V1ObjectMeta metadata, ExternalSecretSpec spec)
        : this("external-secrets.io/v1", "ExternalSecret", metadata, spec)
    {
    }
}

/// <summary>What to fetch and how to shape the resulting Secret.</summary>
public sealed record ExternalSecretSpec(string RefreshInterval, SecretStoreReference SecretStoreRef, ExternalSecretTarget Target, IReadOnlyList<ExternalSecretData> Data);

/// <summary>The SecretStore to read from.</summary>
public sealed record SecretStoreReference(string Kind, string Name);

/// <summary>The Secret to create; its keys are rendered from the fetched entries by the template.</summary>
public sealed record ExternalSecretTarget(string Name, string CreationPolicy, ExternalSecretTemplate Template);

/// <summary>Go templates over the fetched entries, one per Secret key; <c>Type</c> sets the Secret's type (image-pull secrets).</summary>
public sealed record ExternalSecretTemplate(string EngineVersion, IReadOnlyDictionary<string, string> Data, string? Type = null);

/// <summary>One fetched entry, available to the template as <c>.SecretKey</c>.</summary>
public sealed record ExternalSecretData(string SecretKey, RemoteReference RemoteRef);

/// <summary>The entry in the secret store.</summary>
public sealed record RemoteReference(string Key, string? Property = null);

/// <summary>Where an environment's secrets live, and how the controller authenticates there.</summary>
public sealed record SecretStore(string ApiVersion, string Kind, V1ObjectMeta Metadata, SecretStoreSpec Spec)
{
    /// <summary>A SecretStore of <c>external-secrets.io/v1</c>; apiVersion and kind come first in the YAML.</summary>
    public SecretStore(V1ObjectMeta metadata, SecretStoreSpec spec)
        : this("external-secrets.io/v1", "SecretStore", metadata, spec)
    {
    }
}

/// <summary>Exactly one provider.</summary>
public sealed record SecretStoreSpec(SecretStoreProvider Provider);

/// <summary>AWS Secrets Manager, GCP Secret Manager or Vault.</summary>
public sealed record SecretStoreProvider(AwsProvider? Aws = null, GcpProvider? Gcpsm = null, VaultProvider? Vault = null);

/// <summary>AWS Secrets Manager through IRSA.</summary>
public sealed record AwsProvider(string Service, string Region, AwsAuth Auth);

/// <summary>Authenticates with the service account's projected token (IRSA).</summary>
public sealed record AwsAuth(AwsJwtAuth Jwt);

/// <summary>The service account whose role is assumed.</summary>
public sealed record AwsJwtAuth(ServiceAccountReference ServiceAccountRef);

/// <summary>A service account in the namespace.</summary>
public sealed record ServiceAccountReference(string Name);

/// <summary>GCP Secret Manager through GKE Workload Identity.</summary>
public sealed record GcpProvider(string ProjectID, GcpAuth Auth);

/// <summary>Workload Identity authentication.</summary>
public sealed record GcpAuth(GcpWorkloadIdentity WorkloadIdentity);

/// <summary>The cluster and service account bound to a Google service account.</summary>
public sealed record GcpWorkloadIdentity(string ClusterLocation, string ClusterName, string ClusterProjectID, ServiceAccountReference ServiceAccountRef);

/// <summary>HashiCorp Vault KV v2 through the Kubernetes auth method (no static token); <c>CaBundle</c> is the base64 PEM of a private CA.</summary>
public sealed record VaultProvider(string Server, string Path, string Version, VaultAuth Auth, string? CaBundle = null);

/// <summary>Vault authentication.</summary>
public sealed record VaultAuth(VaultKubernetesAuth Kubernetes);

/// <summary>Logs in with a service-account token requested for the login only.</summary>
public sealed record VaultKubernetesAuth(string MountPath, string Role, ServiceAccountReference ServiceAccountRef);
