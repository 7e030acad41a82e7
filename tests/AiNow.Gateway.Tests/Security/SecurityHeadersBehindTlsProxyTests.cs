using System.Net;
using System.Net.Http.Headers;
using AiNow.Gateway.Tests.EndToEnd;

namespace AiNow.Gateway.Tests.Security;

/// <summary>HSTS behind TLS termination: sent when the trusted proxy says the client used HTTPS, and only then.</summary>
public sealed class SecurityHeadersBehindTlsProxyTests(TlsTerminatingProxyGatewayHostFixture gateway) : IClassFixture<TlsTerminatingProxyGatewayHostFixture>
{
    [Theory]
    [InlineData("https", true)]
    [InlineData("http", false)]
    public async Task ProxiedResponse_CarriesHsts_OnlyWhenTheClientUsedHttps(string forwardedProto, bool overHttps)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/usage");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GatewayHostFixture.TenantKey);
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);

        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        SecurityHeaderAssert.Secured(response, overHttps);
    }

    [Fact]
    public async Task GatewaysOwnProblem_OverHttps_CarriesHsts()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/usage");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        SecurityHeaderAssert.Secured(response, overHttps: true);
    }
}
