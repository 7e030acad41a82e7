using AiNow.Publishing.Kubernetes.Crds;
using AiNow.Publishing.Model;
using k8s.Models;

namespace AiNow.Publishing.Kubernetes;

/// <summary>
/// Secrets only by reference: one SecretStore per environment and cloud (AWS Secrets Manager, GCP
/// Secret Manager, Vault on DigitalOcean and on-premises) and an ExternalSecret per workload whose
/// templates assemble values (connection strings) from secret-store entries. No value is ever written.
/// </summary>
/// <param name="model">The deployment model.</param>
/// <param name="environment">The environment.</param>
/// <param name="target">The cloud target.</param>
internal sealed class SecretsFactory(DeploymentModel model, EnvironmentPlan environment, CloudTarget target)
{
    private const string VaultValueProperty = "value";

    /// <summary>The environment's SecretStore, authenticated through workload identity or Vault's Kubernetes auth.</summary>
    public SecretStore Store()
    {
        var serviceAccount = new ServiceAccountReference(InfrastructureNaming.SecretStoreIdentity);
        var provider = target.Cloud switch
        {
            Cloud.Aws => new SecretStoreProvider(Aws: new AwsProvider("SecretsManager", target.Region, new AwsAuth(new AwsJwtAuth(serviceAccount)))),
            Cloud.Gcp => new SecretStoreProvider(Gcpsm: new GcpProvider(
                target.Account.AccountId,
                new GcpAuth(new GcpWorkloadIdentity(target.Region, model.Naming.ClusterName(environment.Name), target.Account.AccountId, serviceAccount)))),
            _ => new SecretStoreProvider(Vault: new VaultProvider(
                target.Account.SecretStoreAddress ?? throw new InvalidOperationException($"No Vault address for {target.Cloud}."),
                model.Naming.VaultSecretsMount,
                "v2",
                new VaultAuth(new VaultKubernetesAuth(model.Naming.VaultAuthMount(environment.Name), model.Naming.VaultRole(environment.Name), serviceAccount)))),
        };
        return new SecretStore(KubernetesLabels.Metadata(model.ApplicationName, InfrastructureNaming.SecretStoreName, null), new SecretStoreSpec(provider));
    }

    /// <summary>The ExternalSecret making <paramref name="secretName"/> from the secret variables, or null when there are none.</summary>
    public ExternalSecret? ForVariables(string workload, string secretName, IEnumerable<EnvironmentVariable> variables)
    {
        var renderer = new ValueRenderer(model, environment, target);
        var references = new SecretReferences { Property = target.Cloud is Cloud.DigitalOcean or Cloud.OnPrem ? VaultValueProperty : null };
        var templates = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in variables.Where(v => v.Value.IsSecret))
        {
            templates[variable.Name] = renderer.RenderTemplate(variable.Value, references);
        }

        if (templates.Count == 0)
        {
            return null;
        }

        return new ExternalSecret(
            KubernetesLabels.Metadata(model.ApplicationName, secretName, workload),
            new ExternalSecretSpec(
                "1h",
                new SecretStoreReference("SecretStore", InfrastructureNaming.SecretStoreName),
                new ExternalSecretTarget(secretName, "Owner", new ExternalSecretTemplate("v2", templates)),
                references.ToData()));
    }

    /// <summary>The service account the External Secrets controller authenticates as.</summary>
    public static V1ServiceAccount ControllerIdentity(string application) => new()
    {
        ApiVersion = "v1",
        Kind = "ServiceAccount",
        Metadata = KubernetesLabels.Metadata(application, InfrastructureNaming.SecretStoreIdentity, null),
        AutomountServiceAccountToken = false,
    };
}
