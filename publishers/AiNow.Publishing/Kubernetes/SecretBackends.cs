using AiNow.Publishing.Kubernetes.Crds;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;

namespace AiNow.Publishing.Kubernetes;

/// <summary>
/// Each secret backend in one place: the External Secrets provider that reads it, how an entry's value
/// is addressed, and what the backend must hold before an overlay works (for the runbook).
/// </summary>
internal static class SecretBackends
{
    /// <summary>Vault KV v2 keeps key/value maps: each entry's value is under this field.</summary>
    private const string VaultValueProperty = "value";

    /// <summary>The SecretStore provider, authenticated through workload identity or Vault's Kubernetes auth (no static credential).</summary>
    public static SecretStoreProvider Provider(DeploymentModel model, EnvironmentPlan environment, CloudTarget target)
    {
        var serviceAccount = new ServiceAccountReference(InfrastructureNaming.SecretStoreIdentity);
        return target.Profile.SecretBackend switch
        {
            SecretBackend.AwsSecretsManager => new SecretStoreProvider(Aws: new AwsProvider("SecretsManager", target.Region, new AwsAuth(new AwsJwtAuth(serviceAccount)))),
            SecretBackend.GcpSecretManager => new SecretStoreProvider(Gcpsm: new GcpProvider(
                target.Account.AccountId,
                new GcpAuth(new GcpWorkloadIdentity(target.Region, model.Naming.ClusterName(environment.Name), target.Account.AccountId, serviceAccount)))),
            SecretBackend.Vault => new SecretStoreProvider(Vault: new VaultProvider(
                target.Account.SecretStoreAddress ?? throw new InvalidOperationException($"No Vault address for {target.Key}."),
                model.Naming.VaultSecretsMount(environment.Name, target.Key),
                "v2",
                new VaultAuth(new VaultKubernetesAuth(model.Naming.VaultAuthMount(environment.Name, target.Key), model.Naming.VaultRole(environment.Name, target.Key), serviceAccount)),
                target.Account.SecretStoreCaBundle is { } ca ? Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(ca)) : null)),
            _ => throw new ArgumentOutOfRangeException(nameof(target), target.Profile.SecretBackend, "Unknown secret backend."),
        };
    }

    /// <summary>The field of an entry that holds its value, or null where an entry is the value itself.</summary>
    public static string? EntryProperty(SecretBackend backend) => backend == SecretBackend.Vault ? VaultValueProperty : null;

    /// <summary>What the backend must hold before the overlay's ExternalSecrets work.</summary>
    public static IEnumerable<string> Prerequisites(DeploymentModel model, EnvironmentPlan environment, CloudTarget target)
    {
        if (target.Profile.SecretBackend != SecretBackend.Vault)
        {
            yield break;
        }

        var ns = model.Naming.Namespace(environment.Name);
        yield return $"Vault at `{target.Account.SecretStoreAddress}`: KV v2 mount `{model.Naming.VaultSecretsMount(environment.Name, target.Key)}` (made by the foundation), each entry's value under the field `{VaultValueProperty}`; Kubernetes auth mount `{model.Naming.VaultAuthMount(environment.Name, target.Key)}` with role `{model.Naming.VaultRole(environment.Name, target.Key)}` bound to service account `{InfrastructureNaming.SecretStoreIdentity}` in `{ns}`.";
    }
}
