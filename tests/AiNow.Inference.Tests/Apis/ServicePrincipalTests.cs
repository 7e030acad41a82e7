using System.Net;
using System.Text;
using AiNow.Contracts;
using AiNow.Inference.Tests.Support;
using AiNow.ServiceDefaults;

namespace AiNow.Inference.Tests.Apis;

/// <summary>Inference serves only the platform's services: a signed <c>service</c> principal, for that request, once.</summary>
[Collection(SharedInferenceApp.Name)]
public sealed class ServicePrincipalTests(InferenceAppFixture app)
{
    private const string Body = """{"input":"who may ask"}""";
    private static readonly PrincipalSigner s_signer = new(InferenceApp.SigningKey, TimeProvider.System);
    private static readonly SignedRequest s_embeddings = new("POST", "/v1/embeddings", SignedRequest.Hash(Encoding.UTF8.GetBytes(Body)));

    [Fact]
    public async Task Embeddings_Unsigned_Is401Problem()
    {
        using var response = await app.UnsignedClient.SendAsync(Embeddings([]));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "signed 'service' principal");
    }

    [Theory]
    [InlineData("tenant")]
    [InlineData("admin")]
    [InlineData("gateway")]
    public async Task Embeddings_SignedAsAnythingButAService_Is401(string kind)
    {
        var principal = kind switch { "tenant" => Principal.ForTenant(Guid.NewGuid()), "admin" => Principal.Admin, _ => Principal.Gateway };

        using var response = await app.UnsignedClient.SendAsync(Embeddings(s_signer.CreateHeaders(principal, s_embeddings)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Embeddings_SignedAsAServiceOnce_IsServedAndTheReplayRefused()
    {
        var headers = s_signer.CreateHeaders(Principal.Service, s_embeddings);

        using var served = await app.UnsignedClient.SendAsync(Embeddings(headers));
        using var replayed = await app.UnsignedClient.SendAsync(Embeddings(headers));

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
    }

    [Fact]
    public async Task HealthProbes_Unsigned_AreAnswered()
    {
        using var alive = await app.UnsignedClient.GetAsync(new Uri(HealthEndpoints.LivenessPath, UriKind.Relative));
        using var ready = await app.UnsignedClient.GetAsync(new Uri(HealthEndpoints.ReadinessPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private static HttpRequestMessage Embeddings(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/embeddings") { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return request;
    }
}
