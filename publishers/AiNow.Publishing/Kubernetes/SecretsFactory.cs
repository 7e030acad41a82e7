using AiNow.Publishing.Kubernetes.Crds;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;
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
        var provider = target.Profile.SecretBackend switch
        {
            SecretBackend.AwsSecretsManager => new SecretStoreProvider(Aws: new AwsProvider("SecretsManager", target.Region, new AwsAuth(new AwsJwtAuth(serviceAccount)))),
            SecretBackend.GcpSecretManager => new SecretStoreProvider(Gcpsm: new GcpProvider(
                target.Account.AccountId,
                new GcpAuth(new GcpWorkloadIdentity(target.Region, model.Naming.ClusterName(environment.Name), target.Account.AccountId, serviceAccount)))),
            _ => new SecretStoreProvider(Vault: new VaultProvider(
                target.Account.SecretStoreAddress ?? throw new InvalidOperationException($"No Vault address for {target.Cloud}."),
                model.Naming.VaultSecretsMount,
                "v2",
                new VaultAuth(new VaultKubernetesAuth(model.Naming.VaultAuthMount(environment.Name), model.Naming.VaultRole(environment.Name), serviceAccount)),
                target.Account.SecretStoreCaBundle is { } ca ? Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(ca)) : null)),
        };
        return new SecretStore(KubernetesLabels.Metadata(model.ApplicationName, InfrastructureNaming.SecretStoreName, null), new SecretStoreSpec(provider));
    }

    /// <summary>
    /// The ExternalSecret making <paramref name="secretName"/> from the required secret variables, or
    /// null when there are none. <paramref name="service"/> (null for stores) picks the database role.
    /// </summary>
    public ExternalSecret? ForVariables(string owner, string secretName, IEnumerable<EnvironmentVariable> variables, ServiceSpec? service = null)
    {
        var required = variables.Where(v => v.Value.IsSecret && model.OptionalSecretOf(v) is null);
        return Make(owner, secretName, required, service, type: null);
    }

    /// <summary>One ExternalSecret per optional secret variable, so a missing entry fails only its own Secret (the pod's reference is optional).</summary>
    public IEnumerable<ExternalSecret> ForOptionalVariables(ServiceSpec service) =>
        service.Environment
            .Where(v => model.OptionalSecretOf(v) is not null)
            .Select(v => Make(service.Name, WorkloadFactory.OptionalSecretName(service.Name, model.OptionalSecretOf(v)!), [v], service, type: null)!);

    /// <summary>The image-pull Secret for clouds whose registry needs a credential, from the entry the infrastructure side writes.</summary>
    public ExternalSecret RegistryCredentials()
    {
        var references = NewReferences();
        var key = references.Add("dockerconfigjson", model.Naming.RegistryCredentialsSecretName(environment.Name));
        var templates = new SortedDictionary<string, string>(StringComparer.Ordinal) { [".dockerconfigjson"] = $"{{{{ .{key} }}}}" };
        return new ExternalSecret(
            KubernetesLabels.Metadata(model.ApplicationName, InfrastructureNaming.ImagePullSecret, null),
            new ExternalSecretSpec(
                "1h",
                new SecretStoreReference("SecretStore", InfrastructureNaming.SecretStoreName),
                new ExternalSecretTarget(InfrastructureNaming.ImagePullSecret, "Owner", new ExternalSecretTemplate("v2", templates, "kubernetes.io/dockerconfigjson")),
                references.ToData()));
    }

    private ExternalSecret? Make(string owner, string secretName, IEnumerable<EnvironmentVariable> variables, ServiceSpec? service, string? type)
    {
        var renderer = new ValueRenderer(model, environment, target);
        var references = NewReferences();
        var templates = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in variables)
        {
            templates[variable.Name] = renderer.RenderTemplate(variable.Value, references, service);
        }

        if (templates.Count == 0)
        {
            return null;
        }

        return new ExternalSecret(
            KubernetesLabels.Metadata(model.ApplicationName, secretName, owner),
            new ExternalSecretSpec(
                "1h",
                new SecretStoreReference("SecretStore", InfrastructureNaming.SecretStoreName),
                new ExternalSecretTarget(secretName, "Owner", new ExternalSecretTemplate("v2", templates, type)),
                references.ToData()));
    }

    /// <summary>Vault stores key/value maps: entries are read from their <c>value</c> property there.</summary>
    private SecretReferences NewReferences() => new() { Property = target.Profile.SecretBackend == SecretBackend.Vault ? VaultValueProperty : null };

    /// <summary>The service account the External Secrets controller authenticates as.</summary>
    public static V1ServiceAccount ControllerIdentity(string application) => new()
    {
        ApiVersion = "v1",
        Kind = "ServiceAccount",
        Metadata = KubernetesLabels.Metadata(application, InfrastructureNaming.SecretStoreIdentity, null),
        AutomountServiceAccountToken = false,
    };
}
