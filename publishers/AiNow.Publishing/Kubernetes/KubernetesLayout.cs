using AiNow.Publishing.Model;

namespace AiNow.Publishing.Kubernetes;

/// <summary>Where each part of the kustomize tree lives, relative to <c>manifests/kubernetes</c>.</summary>
public static class KubernetesLayout
{
    /// <summary>The base shared by every environment and cloud.</summary>
    public const string Base = "base";

    /// <summary>The component adding in-cluster PostgreSQL and Redis.</summary>
    public const string InClusterStores = "components/in-cluster-stores";

    /// <summary>A cloud's component.</summary>
    public static string CloudComponent(Cloud cloud) => $"components/{Model.Clouds.CloudProfile.KeyOf(cloud)}";

    /// <summary>The overlay of an environment on a cloud (<c>overlays/staging-aws</c>).</summary>
    public static string Overlay(string environment, Cloud cloud) => $"overlays/{environment}-{Model.Clouds.CloudProfile.KeyOf(cloud)}";

    /// <summary>The name of a kustomization file.</summary>
    public const string KustomizationFile = "kustomization.yaml";
}
