using System.Net;
using AiNow.Contracts;
using Microsoft.Extensions.Time.Testing;

namespace AiNow.IntegrationTests;

/// <summary>
/// The api reached directly, not through the gateway (a pod that slipped past the network policy, a
/// port-forward): it serves only a principal signed with the platform's key, just now, for that very
/// request, once. Inference reached directly serves only the services' signed calls.
/// </summary>
[Collection(PlatformTests.Name)]
public sealed class DirectApiTests(PlatformFixture platform)
{
    [Fact]
    public async Task Api_WithoutAPrincipal_Answers401()
    {
        using var api = CreateApiClient();
        using var response = await api.GetAsync("/v1/usage");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_WithAForgedSignature_Answers401()
    {
        var tenant = await Tenants.CreateAsync(platform);
        var forged = new PrincipalSigner("not-the-platform-key-0123456789", TimeProvider.System).CreateHeaders(Principal.ForTenant(tenant.Id), Usage);

        using var response = await SendAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_WithASignedPrincipal_ServesOnce_AndRefusesTheSameHeadersReplayedOrRetimed()
    {
        var tenant = await Tenants.CreateAsync(platform);
        var signed = new PrincipalSigner(platform.SigningKey, TimeProvider.System).CreateHeaders(Principal.ForTenant(tenant.Id), Usage);

        using (var served = await SendAsync(signed))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }

        // The same headers again, within their time window: a replay.
        using (var replayed = await SendAsync(signed))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        }

        // A newer timestamp must not make them valid again either.
        var retimed = signed.Select(h => h.Key == PrincipalHeaders.Timestamp
            ? new KeyValuePair<string, string>(h.Key, (long.Parse(h.Value, System.Globalization.CultureInfo.InvariantCulture) + 10).ToString(System.Globalization.CultureInfo.InvariantCulture))
            : h).ToList();
        using var refused = await SendAsync(retimed);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Api_HeadersSignedAMinuteAgoWithTheirTimestampRenewed_Answers401()
    {
        var tenant = await Tenants.CreateAsync(platform);
        var principal = Principal.ForTenant(tenant.Id);
        // Headers captured a minute ago: the api's replay guard keeps nonces only while their signatures are
        // fresh, so only the signature over the timestamp can refuse them once the timestamp is renewed.
        var captured = new PrincipalSigner(platform.SigningKey, new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-1)))
            .CreateHeaders(principal, Usage);
        var renewed = captured.Select(h => h.Key == PrincipalHeaders.Timestamp
            ? new KeyValuePair<string, string>(h.Key, DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture))
            : h).ToList();

        using var refused = await SendAsync(renewed);
        using var control = await SendAsync(new PrincipalSigner(platform.SigningKey, TimeProvider.System).CreateHeaders(principal, Usage));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, control.StatusCode);
    }

    [Fact]
    public async Task Inference_ReachedDirectly_ServesOnlyASignedServicePrincipal()
    {
        using var inference = platform.App.CreateHttpClient("inference", "http");
        inference.Timeout = TestTimeouts.Request;
        const string body = """{"input":["reached directly"],"model":"all-MiniLM-L6-v2"}""";
        var embeddings = new SignedRequest("POST", "/v1/embeddings", SignedRequest.Hash(System.Text.Encoding.UTF8.GetBytes(body)));
        var signer = new PrincipalSigner(platform.SigningKey, TimeProvider.System);

        using var unsigned = await inference.SendAsync(Embeddings(body, []));
        using var asTenant = await inference.SendAsync(Embeddings(body, signer.CreateHeaders(Principal.ForTenant(Guid.NewGuid()), embeddings)));
        using var asService = await inference.SendAsync(Embeddings(body, signer.CreateHeaders(Principal.Service, embeddings)));

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, asTenant.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asService.StatusCode);
    }

    private static readonly SignedRequest Usage = new("GET", "/v1/usage", SignedRequest.Hash([]));

    private static HttpRequestMessage Embeddings(string body, IEnumerable<KeyValuePair<string, string>> headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/embeddings")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(IEnumerable<KeyValuePair<string, string>> headers)
    {
        using var api = CreateApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/usage");
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await api.SendAsync(request);
    }

    private HttpClient CreateApiClient()
    {
        var client = platform.App.CreateHttpClient("api", "http");
        client.Timeout = TestTimeouts.Request;
        return client;
    }
}
