using AiNow.Publishing.Kubernetes.Kustomize;
using AiNow.Publishing.Model;
using AiNow.Publishing.Writing;

namespace AiNow.Publishing.Kubernetes;

/// <summary>
/// The kustomize base: for each workload its ServiceAccount, Deployment or Job, Service, Ingress (the
/// public one) and a generated ConfigMap of its plain environment; default-deny (DNS is allowed per cloud by the overlays) and
/// the service-to-service edges. Nothing here depends on the environment or the cloud.
/// </summary>
internal static class BaseEmitter
{
    public static IEnumerable<GeneratedFile> Emit(DeploymentModel model)
    {
        var factory = new WorkloadFactory(model);
        var values = new ValueRenderer(model, environment: null, target: null);
        var files = new List<GeneratedFile>();
        var generators = new List<ConfigMapGenerator>();

        foreach (var service in model.Services)
        {
            var objects = new List<object> { factory.ServiceAccount(service.Name) };
            objects.Add(service.Kind == WorkloadKind.RunToCompletion ? factory.Job(service) : factory.Deployment(service));
            if (service.Kind == WorkloadKind.LongRunning && factory.Service(service) is { } kubernetesService)
            {
                objects.Add(kubernetesService);
            }

            if (service.IsPublic)
            {
                objects.Add(factory.Ingress(service));
            }

            files.Add(new($"{KubernetesLayout.Base}/{service.Name}.yaml", ManifestYaml.Serialize(objects)));

            var literals = service.Environment
                .Where(v => !v.Value.IsSecret && !v.Value.DependsOnParameters)
                .Select(v => Literal(v.Name, values.RenderPlain(v.Value)))
                .ToList();
            if (service.Environment.Any(v => !v.Value.IsSecret))
            {
                generators.Add(new ConfigMapGenerator(WorkloadFactory.ConfigMapName(service.Name), null, literals));
            }
        }

        files.Add(new($"{KubernetesLayout.Base}/secret-store-identity.yaml", ManifestYaml.Serialize(SecretsFactory.ControllerIdentity(model.ApplicationName))));

        var rules = new NetworkPolicyRules(model);
        var policies = new List<object> { rules.DefaultDeny() };
        policies.AddRange(model.Edges.Where(e => model.FindService(e.TargetWorkload) is not null).SelectMany(rules.EdgeBetweenPods));
        policies.AddRange(model.ExternalEgress.Select(rules.ExternalEgress));
        files.Add(new($"{KubernetesLayout.Base}/network-policies.yaml", ManifestYaml.Serialize(policies)));

        var kustomization = Kustomization.Create(component: false) with
        {
            Resources = files.Select(f => Path.GetFileName(f.Path)).Order(StringComparer.Ordinal).ToList(),
            GeneratorOptions = GeneratorOptions.KeptByArgoCd,
            ConfigMapGenerator = generators,
        };
        files.Add(new($"{KubernetesLayout.Base}/{KubernetesLayout.KustomizationFile}", ManifestYaml.Serialize(kustomization)));
        return files;
    }

    /// <summary>A configMapGenerator literal (<c>KEY=value</c>).</summary>
    public static string Literal(string name, string value) =>
        value.Contains('\n', StringComparison.Ordinal)
            ? throw new NotSupportedException($"The value of '{name}' spans lines, which a ConfigMap literal cannot hold.")
            : $"{name}={value}";
}
