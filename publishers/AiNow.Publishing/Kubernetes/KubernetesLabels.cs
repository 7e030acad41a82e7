using k8s.Models;

namespace AiNow.Publishing.Kubernetes;

/// <summary>The recommended labels, in a fixed order so output is deterministic.</summary>
internal static class KubernetesLabels
{
    /// <summary>Names the workload; the only label selectors and network policies match on.</summary>
    public const string Name = "app.kubernetes.io/name";

    /// <summary>The application.</summary>
    public const string PartOf = "app.kubernetes.io/part-of";

    /// <summary>What generated the object.</summary>
    public const string ManagedBy = "app.kubernetes.io/managed-by";

    /// <summary>Marks network policies with their purpose (baseline, edge, ingress, egress) for the policy tests and for people.</summary>
    public const string PolicyKind = "ainow/policy";

    /// <summary>Marks an edge policy with the app-model edge it allows (<c>api-to-inference</c>).</summary>
    public const string Edge = "ainow/edge";

    /// <summary>The generator's name in <see cref="ManagedBy"/>.</summary>
    public const string Generator = "ainow-publishing";

    /// <summary>Labels of an object belonging to <paramref name="workload"/>, or to the whole application when null.</summary>
    public static SortedKeyDictionary<string> For(string application, string? workload, params (string Key, string Value)[] extra)
    {
        var labels = new SortedKeyDictionary<string>()
        {
            [ManagedBy] = Generator,
            [PartOf] = application,
        };
        if (workload is not null)
        {
            labels[Name] = workload;
        }

        foreach (var (key, value) in extra)
        {
            labels[key] = value;
        }

        return labels;
    }

    /// <summary>Labels, selectors or annotations from pairs, sorted so the output is deterministic.</summary>
    public static SortedKeyDictionary<string> Sorted(params (string Key, string Value)[] entries) =>
        new(entries.Select(e => KeyValuePair.Create(e.Key, e.Value)));

    /// <summary>The pods labelled <paramref name="pod"/> in namespace <paramref name="namespaceName"/>, as a network-policy peer.</summary>
    public static V1NetworkPolicyPeer PodsIn(string namespaceName, (string Key, string Value) pod) => new()
    {
        NamespaceSelector = new V1LabelSelector { MatchLabels = Sorted(("kubernetes.io/metadata.name", namespaceName)) },
        PodSelector = new V1LabelSelector { MatchLabels = Sorted(pod) },
    };

    /// <summary>The selector of a workload's pods.</summary>
    public static SortedKeyDictionary<string> Selector(string workload) => new() { [Name] = workload };

    /// <summary>Object metadata with the standard labels.</summary>
    public static V1ObjectMeta Metadata(string application, string name, string? workload, params (string Key, string Value)[] extra) =>
        new() { Name = name, Labels = For(application, workload, extra) };
}
