using System.Net;
using k8s.Models;

namespace AiNow.Publishing.Tests.Infrastructure;

/// <summary>
/// Answers "may this connection happen?" the way a CNI enforces NetworkPolicies: a direction is open
/// when no policy selecting the pod covers it, otherwise when some rule of a selecting policy admits
/// the peer and port. Peers are pods (namespace and pod labels) or addresses.
/// </summary>
internal sealed class NetworkPolicyEvaluator(IReadOnlyList<V1NetworkPolicy> policies, string ns)
{
    /// <summary>A pod or an address on the other end of a connection.</summary>
    public sealed record Peer(IReadOnlyDictionary<string, string>? NamespaceLabels, IReadOnlyDictionary<string, string>? PodLabels, string? Address)
    {
        public static Peer Pod(string ns, params (string Key, string Value)[] labels) =>
            new(new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = ns }, labels.ToDictionary(l => l.Key, l => l.Value), null);

        public static Peer At(string address) => new(null, null, address);
    }

    public bool CanSend(IReadOnlyDictionary<string, string> podLabels, Peer to, int port, string protocol = "TCP")
    {
        var selecting = policies.Where(p => Selects(p.Spec.PodSelector, podLabels) && (p.Spec.PolicyTypes?.Contains("Egress") ?? false)).ToList();
        return selecting.Count == 0 || selecting.Any(p => (p.Spec.Egress ?? []).Any(rule => Admits(rule.To, rule.Ports, to, port, protocol)));
    }

    public bool CanReceive(IReadOnlyDictionary<string, string> podLabels, Peer from, int port, string protocol = "TCP")
    {
        var selecting = policies.Where(p => Selects(p.Spec.PodSelector, podLabels) && (p.Spec.PolicyTypes?.Contains("Ingress") ?? false)).ToList();
        return selecting.Count == 0 || selecting.Any(p => (p.Spec.Ingress ?? []).Any(rule => Admits(rule.FromProperty, rule.Ports, from, port, protocol)));
    }

    private bool Admits(IList<V1NetworkPolicyPeer>? peers, IList<V1NetworkPolicyPort>? ports, Peer peer, int port, string protocol)
    {
        var portMatches = ports is null || ports.Count == 0 || ports.Any(p => (p.Protocol ?? "TCP") == protocol && (p.Port is null || p.Port.Value == port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return portMatches && (peers is null || peers.Count == 0 || peers.Any(p => Matches(p, peer)));
    }

    private bool Matches(V1NetworkPolicyPeer rule, Peer peer)
    {
        if (rule.IpBlock is { } block)
        {
            if (peer.Address is null)
            {
                return false;
            }

            var address = IPAddress.Parse(peer.Address);
            return IPNetwork.Parse(block.Cidr).Contains(address) && !(block.Except ?? []).Any(e => IPNetwork.Parse(e).Contains(address));
        }

        if (peer.PodLabels is null)
        {
            return false;
        }

        var namespaceMatches = rule.NamespaceSelector is null
            ? peer.NamespaceLabels!["kubernetes.io/metadata.name"] == ns
            : Selects(rule.NamespaceSelector, peer.NamespaceLabels!);
        return namespaceMatches && (rule.PodSelector is null || Selects(rule.PodSelector, peer.PodLabels));
    }

    private static bool Selects(V1LabelSelector selector, IReadOnlyDictionary<string, string> labels) =>
        (selector.MatchLabels ?? new Dictionary<string, string>()).All(l => labels.TryGetValue(l.Key, out var value) && value == l.Value)
        && (selector.MatchExpressions is null || selector.MatchExpressions.Count == 0);
}
