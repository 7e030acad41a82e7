using AiNow.Publishing.Kubernetes.Kustomize;
using AiNow.Publishing.Model;
using AiNow.Publishing.Writing;

namespace AiNow.Publishing.Kubernetes;

/// <summary>
/// One overlay per environment and cloud: files of <see cref="OverlayObjects"/> as resources, of
/// <see cref="OverlayPatches"/> as patches, the cloud's component and, for in-cluster stores, theirs.
/// </summary>
internal sealed class OverlayEmitter(DeploymentModel model, EnvironmentPlan environment, CloudTarget target)
{
    private readonly string _folder = KubernetesLayout.Overlay(environment.Name, target.Cloud);

    public IEnumerable<GeneratedFile> Emit()
    {
        var objects = new OverlayObjects(model, environment, target);
        var patches = new OverlayPatches(model, environment, target, objects);
        var files = new List<GeneratedFile>();
        var resources = new List<string> { "../../base" };
        void AddResource(string name, IEnumerable<object> items) => Add(files, name, items, resources.Add);

        AddResource("namespace.yaml", [objects.Namespace()]);
        AddResource("storage-class.yaml", objects.StorageClasses());
        AddResource("secrets.yaml", objects.Secrets());
        AddResource("network-policies.yaml", objects.NetworkPolicies());
        if (target.Stores == StoreMode.Managed)
        {
            AddResource("managed-stores.yaml", objects.ManagedStores());
        }

        AddResource("rollouts.yaml", objects.Rollouts());
        AddResource("autoscaling.yaml", objects.Autoscaling());
        AddResource("certificate.yaml", objects.Certificates());
        AddResource("ingress-objects.yaml", objects.IngressObjects());

        var patchList = new List<Patch>();
        void AddPatch(string name, IEnumerable<object> items) => Add(files, $"patches/{name}", items, path => patchList.Add(new Patch(path)));
        AddPatch("workloads.yaml", patches.Workloads());
        AddPatch("ingress.yaml", patches.Ingress());
        AddPatch("services.yaml", patches.Services());
        AddPatch("edge-policy.yaml", patches.Edge());
        AddPatch("service-accounts.yaml", patches.ServiceAccounts());

        var components = new List<string>();
        if (target.Stores == StoreMode.InCluster && !model.DataStores.IsDefaultOrEmpty)
        {
            components.Add($"../../{KubernetesLayout.InClusterStores}");
        }

        components.Add($"../../{KubernetesLayout.CloudComponent(target.Cloud)}");

        var kustomization = Kustomization.Create(component: false) with
        {
            Namespace = model.Naming.Namespace(environment.Name),
            Resources = resources,
            Components = components,
            GeneratorOptions = GeneratorOptions.KeptByArgoCd,
            ConfigMapGenerator = patches.Configuration(),
            Images = patches.Images(),
            Patches = patchList,
        };
        files.Add(new($"{_folder}/{KubernetesLayout.KustomizationFile}", ManifestYaml.Serialize(kustomization)));
        return files;
    }

    private void Add(List<GeneratedFile> files, string name, IEnumerable<object> items, Action<string> reference)
    {
        var list = items.ToList();
        if (list.Count > 0)
        {
            files.Add(new($"{_folder}/{name}", ManifestYaml.Serialize(list)));
            reference(name);
        }
    }
}
