namespace AiNow.Publishing.Kubernetes.Kustomize;

/// <summary>A <c>kustomization.yaml</c>: a Kustomization (base, overlay) or a Component.</summary>
public sealed record Kustomization
{
    /// <summary>Kustomization or Component.</summary>
    public static Kustomization Create(bool component) => component
        ? new() { ApiVersion = "kustomize.config.k8s.io/v1alpha1", Kind = "Component" }
        : new() { ApiVersion = "kustomize.config.k8s.io/v1beta1", Kind = "Kustomization" };

    /// <summary>The kustomize API version.</summary>
    public required string ApiVersion { get; init; }

    /// <summary>Kustomization or Component.</summary>
    public required string Kind { get; init; }

    /// <summary>The namespace every object is placed in.</summary>
    public string? Namespace { get; init; }

    /// <summary>Files and folders included.</summary>
    public IReadOnlyList<string>? Resources { get; init; }

    /// <summary>Components applied, in order.</summary>
    public IReadOnlyList<string>? Components { get; init; }

    /// <summary>Options of every generated ConfigMap.</summary>
    public GeneratorOptions? GeneratorOptions { get; init; }

    /// <summary>ConfigMaps generated with a content hash in their names, so a change rolls the pods.</summary>
    public IReadOnlyList<ConfigMapGenerator>? ConfigMapGenerator { get; init; }

    /// <summary>Image names and tags substituted in every pod template.</summary>
    public IReadOnlyList<ImageOverride>? Images { get; init; }

    /// <summary>Patches applied.</summary>
    public IReadOnlyList<Patch>? Patches { get; init; }
}

/// <summary>Annotations put on every generated ConfigMap.</summary>
public sealed record GeneratorOptions(IReadOnlyDictionary<string, string> Annotations)
{
    /// <summary>
    /// Argo CD must not prune a generated ConfigMap: the previous release's pods (the stable side of a
    /// paused Rollout, a rollback) still reference it by its hashed name.
    /// </summary>
    public static GeneratorOptions KeptByArgoCd { get; } = new(new SortedKeyDictionary<string>() { ["argocd.argoproj.io/sync-options"] = "Prune=false" });
}

/// <summary>A generated ConfigMap; <c>Literals</c> are <c>KEY=value</c> pairs.</summary>
public sealed record ConfigMapGenerator(string Name, string? Behavior, IReadOnlyList<string> Literals);

/// <summary>Replaces an image name and sets its tag, or pins it to a digest (then the tag is dropped).</summary>
/// <param name="Name">The image name as the resources spell it.</param>
/// <param name="NewName">The name to write instead, or null to keep it.</param>
/// <param name="NewTag">The tag to set, or null.</param>
/// <param name="Digest">The digest to pin (<c>sha256:...</c>), or null.</param>
public sealed record ImageOverride(string Name, string? NewName, string? NewTag, string? Digest = null);

/// <summary>A patch file, optionally applied to every object matching a target.</summary>
public sealed record Patch(string Path, PatchTarget? Target = null);

/// <summary>Which objects a patch applies to.</summary>
public sealed record PatchTarget(string? Kind = null, string? Name = null);

/// <summary>One RFC 6902 JSON-patch operation.</summary>
public sealed record JsonPatchOperation(string Op, string Path, object? Value);
