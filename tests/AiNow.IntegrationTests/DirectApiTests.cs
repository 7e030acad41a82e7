using System.Net;
using AiNow.Contracts;

namespace AiNow.IntegrationTests;

/// <summary>
/// The api reached directly, not through the gateway (a pod that slipped past the network policy, a
/// port-forward): it serves only a principal signed with the platform's key, just now, as signed.
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
        var forged = new PrincipalSigner("not-the-platform-key-0123456789", TimeProvider.System).CreateHeaders(Principal.ForTenant(tenant.Id));

        using var response = await SendAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_WithASignedPrincipal_Serves_ButTheSameSignatureWithAFreshTimestampIsRefused()
    {
        var tenant = await Tenants.CreateAsync(platform);
        var signed = new PrincipalSigner(platform.SigningKey, TimeProvider.System).CreateHeaders(Principal.ForTenant(tenant.Id));

        using (var served = await SendAsync(signed))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }

        // Replaying the headers with a newer timestamp must not make them valid again.
        var replayed = signed.Select(h => h.Key == PrincipalHeaders.Timestamp
            ? new KeyValuePair<string, string>(h.Key, (long.Parse(h.Value, System.Globalization.CultureInfo.InvariantCulture) + 30).ToString(System.Globalization.CultureInfo.InvariantCulture))
            : h).ToList();
        using var refused = await SendAsync(replayed);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
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
