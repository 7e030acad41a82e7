using System.Collections.Immutable;
using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Kubernetes.Kustomize;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Deployment;

/// <summary>
/// The kustomization that releases one overlay: it wraps the published overlay unchanged and pins
/// every image built from this repository to the digest the release pushed, under the name the
/// overlay gives it for that target's registry. The tag is dropped: only the digest decides what runs.
/// </summary>
/// <param name="Folder">The folder holding <c>kustomization.yaml</c> (and, once rendered, <c>release.yaml</c>).</param>
/// <param name="Target">The target it releases to.</param>
/// <param name="Content">The file's text.</param>
/// <param name="PinnedImages">Every built image as pods must pull it (<c>registry/ainow/api@sha256:...</c>), in repository order.</param>
internal sealed record ReleaseKustomization(string Folder, CloudTarget Target, string Content, ImmutableArray<string> PinnedImages)
{
    /// <summary>The rendered objects, written by the render step and applied by the apply steps.</summary>
    public string RenderedFile => System.IO.Path.Combine(Folder, "release.yaml");

    /// <summary>The kustomization file.</summary>
    public string File => System.IO.Path.Combine(Folder, KubernetesLayout.KustomizationFile);

    /// <summary>The release kustomization of <paramref name="environment"/> on <paramref name="target"/>.</summary>
    /// <param name="model">The deployment model the overlay was published from.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="target">The target.</param>
    /// <param name="release">The released digests.</param>
    /// <param name="output">The publish output holding <c>kubernetes/</c>.</param>
    /// <param name="folder">The folder to write it in.</param>
    /// <param name="header">The generated-file header line.</param>
    public static ReleaseKustomization For(DeploymentModel model, EnvironmentPlan environment, CloudTarget target, Release release, string output, string folder, string header)
    {
        var built = model.BuiltImageRepositories.ToHashSet(StringComparer.Ordinal);
        var overlayImages = new OverlayPatches(model, environment, target, new OverlayObjects(model, environment, target)).Images()
            .Where(i => built.Contains(i.Name))
            .OrderBy(i => i.Name, StringComparer.Ordinal)
            .ToList();
        var images = overlayImages
            .Select(i => new ImageOverride(i.NewName ?? i.Name, NewName: null, NewTag: null, Digest: release.Images[i.Name]))
            .ToList();
        var overlay = System.IO.Path.Combine(output, KubernetesEmitter.Folder, KubernetesLayout.Overlay(environment.Name, target.Cloud));
        var kustomization = Kustomization.Create(component: false) with
        {
            Resources = [System.IO.Path.GetRelativePath(folder, overlay).Replace(System.IO.Path.DirectorySeparatorChar, '/')],
            Images = images,
        };
        return new ReleaseKustomization(
            folder,
            target,
            ManifestYaml.SerializeUnder(header, kustomization),
            [.. images.Select(i => $"{i.Name}@{i.Digest}")]);
    }
}
