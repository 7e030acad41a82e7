using k8s.Models;

namespace AiNow.Publishing.Tests.Infrastructure;

/// <summary>
/// NetworkPolicy ports and peers as short text (<c>TCP/443</c>, <c>kube-system pods k8s-app=kube-dns</c>,
/// <c>0.0.0.0/0 except 10.0.0.0/8</c>), so a test compares a rule's whole list, not just what it selects.
/// </summary>
internal static class NetworkPolicyText
{
    /// <summary>The ports of a rule; a rule without ports admits every port, written <c>any port</c>.</summary>
    public static IEnumerable<string> Ports(IList<V1NetworkPolicyPort>? ports) =>
        ports is null || ports.Count == 0 ? ["any port"] : ports.Select(p => $"{p.Protocol ?? "TCP"}/{p.Port?.Value ?? "any"}");

    /// <summary>The peers of a rule; a rule without peers admits everyone, written <c>anyone</c>.</summary>
    public static IEnumerable<string> Peers(IList<V1NetworkPolicyPeer>? peers) =>
        peers is null || peers.Count == 0 ? ["anyone"] : peers.Select(Peer);

    private static string Peer(V1NetworkPolicyPeer peer)
    {
        if (peer.IpBlock is { } block)
        {
            return block.Except is { Count: > 0 } except ? $"{block.Cidr} except {string.Join(",", except)}" : block.Cidr;
        }

        var inNamespace = peer.NamespaceSelector is null ? "this namespace" : Labels(peer.NamespaceSelector).Replace("kubernetes.io/metadata.name=", "", StringComparison.Ordinal);
        return peer.PodSelector is null ? $"{inNamespace} all pods" : $"{inNamespace} pods {Labels(peer.PodSelector)}";
    }

    private static string Labels(V1LabelSelector selector) =>
        selector.MatchExpressions is { Count: > 0 }
            ? "(match expressions)"
            : string.Join(",", (selector.MatchLabels ?? new Dictionary<string, string>()).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
