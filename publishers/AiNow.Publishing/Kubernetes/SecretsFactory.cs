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
    /// <summary>The environment's SecretStore (<see cref="SecretBackends"/>).</summary>
    public SecretStore Store() =>
        new(KubernetesLabels.Metadata(model.ApplicationName, InfrastructureNaming.SecretStoreName, null), new SecretStoreSpec(SecretBackends.Provider(model, environment, target)));

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
        var templates = new SortedKeyDictionary<string>() { [".dockerconfigjson"] = $"{{{{ .{key} }}}}" };
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
        var templates = new SortedKeyDictionary<string>();
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

    private SecretReferences NewReferences() => new() { Property = SecretBackends.EntryProperty(target.Profile.SecretBackend) };

    /// <summary>The service account the External Secrets controller authenticates as.</summary>
    public static V1ServiceAccount ControllerIdentity(string application) => new()
    {
        ApiVersion = "v1",
        Kind = "ServiceAccount",
        Metadata = KubernetesLabels.Metadata(application, InfrastructureNaming.SecretStoreIdentity, null),
        AutomountServiceAccountToken = false,
    };
}
