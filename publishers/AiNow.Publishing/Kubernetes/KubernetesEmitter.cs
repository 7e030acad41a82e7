using AiNow.Publishing.Model;
using AiNow.Publishing.Writing;

namespace AiNow.Publishing.Kubernetes;

/// <summary>
/// The Kubernetes emitter: a pure function from the deployment model to the files of
/// <c>manifests/kubernetes</c> (a kustomize base, components, an overlay per environment and cloud),
/// in path order. The same model always gives byte-identical files.
/// </summary>
public sealed class KubernetesEmitter : IDeploymentEmitter
{
    /// <summary>The folder under the publish output that this emitter owns.</summary>
    public const string Folder = "kubernetes";

    /// <inheritdoc />
    public string StepName => "publish-kubernetes";

    /// <inheritdoc />
    public string? OutputFolder => Folder;

    /// <inheritdoc />
    public IReadOnlyList<GeneratedFile> Emit(DeploymentModel model)
    {
        ArgumentNullException.ThrowIfNull(model);

        var files = new List<GeneratedFile>();
        files.AddRange(BaseEmitter.Emit(model));

        var targets = model.Environments.SelectMany(e => e.Targets).ToList();
        foreach (var cloud in targets.Select(t => t.Cloud).Distinct().Order())
        {
            files.AddRange(ComponentEmitter.EmitCloud(model, targets.First(t => t.Cloud == cloud)));
        }

        if (targets.Any(t => t.Stores == StoreMode.InCluster) && !model.DataStores.IsDefaultOrEmpty)
        {
            files.AddRange(ComponentEmitter.EmitInClusterStores(model));
        }

        foreach (var environment in model.Environments)
        {
            foreach (var target in environment.Targets)
            {
                files.AddRange(new OverlayEmitter(model, environment, target).Emit());
            }
        }

        return files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }
}
