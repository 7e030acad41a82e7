using AiNow.ServiceDefaults.Tests.Support;

namespace AiNow.ServiceDefaults.Tests.ForwardedHeaders;

/// <summary>The middleware in a real pipeline; the test client is the peer, at 127.0.0.1.</summary>
public sealed class TrustedForwardedHeadersTests
{
    [Fact]
    public async Task Request_FromTrustedPeer_GetsForwardedClientAddressAndScheme()
    {
        await using var host = await ServiceDefaultsHost.StartAsync(Settings("10.20.0.0/16, 127.0.0.0/8"));

        var seen = await PeerAsync(host, "203.0.113.7", "https");

        Assert.Equal("203.0.113.7 https", seen);
    }

    [Fact]
    public async Task Request_FromUntrustedPeer_HeadersIgnored()
    {
        await using var host = await ServiceDefaultsHost.StartAsync(Settings("10.20.0.0/16,35.191.0.0/16"));

        var seen = await PeerAsync(host, "203.0.113.7", "https");

        Assert.Equal("127.0.0.1 http", seen);
    }

    [Fact]
    public async Task Request_NoTrustedNetworksConfigured_HeadersIgnoredEvenFromLoopback()
    {
        // Loopback is ForwardedHeadersOptions' default known network: unset must mean "no processing at all".
        await using var host = await ServiceDefaultsHost.StartAsync(new Dictionary<string, string?>());

        var seen = await PeerAsync(host, "203.0.113.7", "https");

        Assert.Equal("127.0.0.1 http", seen);
    }

    [Fact]
    public async Task Request_ChainLongerThanForwardLimit_OnlyTheLastHopIsRead()
    {
        await using var host = await ServiceDefaultsHost.StartAsync(Settings("127.0.0.0/8"));

        // A client can put anything at the left of X-Forwarded-For; with limit 1 only the ingress's own entry counts.
        var seen = await PeerAsync(host, "198.51.100.1, 203.0.113.7", "https");

        Assert.Equal("203.0.113.7 https", seen);
    }

    [Fact]
    public async Task StartAsync_InvalidNetwork_FailsNamingTheSettingAndEntry()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => ServiceDefaultsHost.StartAsync(Settings("10.20.0.0/16,ingress")));

        Assert.Contains("ForwardedHeaders:TrustedNetworks", error.Message, StringComparison.Ordinal);
        Assert.Contains("'ingress'", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Settings(string networks) => new()
    {
        ["ForwardedHeaders:TrustedNetworks"] = networks,
    };

    private static async Task<string> PeerAsync(ServiceDefaultsHost host, string forwardedFor, string forwardedProto)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/peer");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        using var response = await host.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
