namespace AiNow.Gateway.Tests.EndToEnd;

/// <summary>
/// The gateway as deployed behind an ingress that terminates TLS: the test client on loopback plays the
/// ingress, the one trusted proxy, and says with <c>X-Forwarded-Proto</c> how the request reached it.
/// </summary>
public sealed class TlsTerminatingProxyGatewayHostFixture : GatewayHostFixture
{
    protected override IReadOnlyDictionary<string, string?> AdditionalSettings { get; } = new Dictionary<string, string?>
    {
        ["ForwardedHeaders:TrustedNetworks"] = "127.0.0.1/32",
    };
}
