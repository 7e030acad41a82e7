using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AiNow.Gateway.Tests.EndToEnd;
using AiNow.Gateway.Tests.Fakes;

namespace AiNow.Gateway.Tests.Security;

/// <summary>Every kind of response the gateway gives, on plain http: the api's, its own problems, its 404 and its probes.</summary>
public sealed class SecurityHeadersTests(GatewayHostFixture gateway) : IClassFixture<GatewayHostFixture>
{
    /// <summary>Each row: a request the gateway refuses itself, and the status it refuses it with.</summary>
    public static TheoryData<string, HttpStatusCode> RefusedRequests => new()
    {
        { "no credentials", HttpStatusCode.Unauthorized },
        { "tenant key on /admin", HttpStatusCode.Forbidden },
        { "declared body over the limit", HttpStatusCode.RequestEntityTooLarge },
        { "key lookup fails", HttpStatusCode.ServiceUnavailable },
        { "unrouted path", HttpStatusCode.NotFound },
    };

    [Fact]
    public async Task ProxiedResponse_CarriesTheSecurityHeaders_InPlaceOfTheApisOwn()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/usage");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GatewayHostFixture.TenantKey);

        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The body is the stand-in api's echo: this answer really came through the proxy.
        Assert.Equal("/v1/usage", (await response.Content.ReadFromJsonAsync<EchoedRequest>())?.Path);
        SecurityHeaderAssert.Secured(response);
    }

    [Theory]
    [MemberData(nameof(RefusedRequests))]
    public async Task GatewaysOwnProblem_CarriesTheSecurityHeaders(string refusal, HttpStatusCode status)
    {
        using var request = Refused(refusal);

        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        SecurityHeaderAssert.Secured(response);
    }

    [Fact]
    public async Task RateLimitedProblem_CarriesTheSecurityHeaders()
    {
        gateway.StartTheNextMinute();
        HttpResponseMessage? response = null;
        for (var i = 0; i <= GatewayHostFixture.LimitedTenantRequestsPerMinute; i++)
        {
            response?.Dispose();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/usage");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GatewayHostFixture.LimitedTenantKey);
            response = await gateway.Client.SendAsync(request);
        }

        using var limited = response!;
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        SecurityHeaderAssert.Secured(limited);
    }

    [Theory]
    [InlineData("/alive")]
    [InlineData("/health")]
    public async Task HealthEndpoint_CarriesTheSecurityHeaders(string path)
    {
        using var response = await gateway.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        SecurityHeaderAssert.Secured(response);
    }

    [Fact]
    public async Task PlainHttpRequest_ClaimingHttpsWithoutATrustedProxy_GetsNoHsts()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/usage");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GatewayHostFixture.TenantKey);
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        SecurityHeaderAssert.Secured(response, overHttps: false);
    }

    private static HttpRequestMessage Refused(string refusal)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/embeddings") { Content = JsonContent.Create(new { input = "hi" }) };
        switch (refusal)
        {
            case "no credentials":
                break;
            case "tenant key on /admin":
                request.RequestUri = new Uri("/admin/tenants", UriKind.Relative);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GatewayHostFixture.TenantKey);
                break;
            case "declared body over the limit":
                request.Content = new ByteArrayContent(new byte[GatewayHostFixture.MaxRequestBodyBytes + 1]);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GatewayHostFixture.TenantKey);
                break;
            case "key lookup fails":
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GatewayHostFixture.FailingLookupKey);
                break;
            case "unrouted path":
                request.RequestUri = new Uri("/v2/embeddings", UriKind.Relative);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestServices.AdminKey);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "No such refusal in the table.");
        }

        return request;
    }
}
