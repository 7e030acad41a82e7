using AiNow.Publishing.Kubernetes.Ingress;
using AiNow.Publishing.Kubernetes.Kustomize;
using AiNow.Publishing.Model;
using AiNow.Publishing.Writing;
using k8s.Models;

namespace AiNow.Publishing.Kubernetes;

/// <summary>
/// The kustomize components: one small component per cloud (ingress class and annotations, storage
/// class of in-cluster stores) and one adding in-cluster PostgreSQL and Redis with their edges.
/// </summary>
internal static class ComponentEmitter
{
    public static IEnumerable<GeneratedFile> EmitCloud(DeploymentModel model, CloudTarget target)
    {
        var folder = KubernetesLayout.CloudComponent(target.Cloud);
        var controller = IngressController.For(target.Profile.IngressMode, model);
        var files = new List<GeneratedFile>();
        var patches = new List<Patch>();

        if (model.Services.FirstOrDefault(s => s.IsPublic) is { } gateway)
        {
            var healthPath = gateway.Probes.FirstOrDefault(p => p.Kind == ProbeKind.Readiness)?.Path ?? "/";
            var metadata = new V1ObjectMeta { Name = gateway.Name, Annotations = controller.Annotations(healthPath) };
            var ingress = new V1Ingress
            {
                ApiVersion = "networking.k8s.io/v1",
                Kind = "Ingress",
                Metadata = metadata,
                Spec = controller.ClassName is { } ingressClass ? new V1IngressSpec { IngressClassName = ingressClass } : null,
            };
            files.Add(new($"{folder}/ingress.yaml", ManifestYaml.Serialize(ingress)));
            patches.Add(new Patch("ingress.yaml"));
        }

        if (!model.DataStores.IsDefaultOrEmpty)
        {
            // Applies to the in-cluster stores' StatefulSets when the overlay includes them, to nothing otherwise.
            var storageClass = new List<JsonPatchOperation> { new("replace", "/spec/volumeClaimTemplates/0/spec/storageClassName", target.Account.StorageClass) };
            files.Add(new($"{folder}/storage-class.yaml", ManifestYaml.Serialize([storageClass])));
            patches.Add(new Patch("storage-class.yaml", new PatchTarget(Kind: "StatefulSet")));
        }

        files.Add(new($"{folder}/{KubernetesLayout.KustomizationFile}", ManifestYaml.Serialize(Kustomization.Create(component: true) with { Patches = patches })));
        return files;
    }

    public static IEnumerable<GeneratedFile> EmitInClusterStores(DeploymentModel model)
    {
        var folder = KubernetesLayout.InClusterStores;
        var stores = new StoreFactory(model);
        var files = model.DataStores.Select(store => new GeneratedFile($"{folder}/{store.Name}.yaml", ManifestYaml.Serialize(stores.Objects(store)))).ToList();

        var rules = new NetworkPolicyRules(model);
        var storeNames = model.DataStores.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var policies = model.Edges.Where(e => storeNames.Contains(e.TargetWorkload)).SelectMany(rules.EdgeBetweenPods).ToList();
        files.Add(new($"{folder}/network-policies.yaml", ManifestYaml.Serialize(policies)));

        var kustomization = Kustomization.Create(component: true) with
        {
            Resources = files.Select(f => Path.GetFileName(f.Path)).Order(StringComparer.Ordinal).ToList(),
        };
        files.Add(new($"{folder}/{KubernetesLayout.KustomizationFile}", ManifestYaml.Serialize(kustomization)));
        return files;
    }
}
