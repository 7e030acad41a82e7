using System.Net;
using AiNow.Api.Tests.Support;
using AiNow.Contracts;

namespace AiNow.Api.Tests.Security;

public sealed class PrincipalVerificationTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string> ProtectedEndpoints => new()
    {
        { "GET", "/admin/tenants/0195f0c2-7c1e-7d3a-9b5e-3f1a2b4c5d6e" },
        { "POST", "/admin/tenants" },
        { "POST", "/internal/keys/resolve" },
        { "POST", "/v1/embeddings" },
        { "GET", "/v1/usage" },
        { "POST", "/v1/chat/completions" },
        { "POST", "/v1/batches" },
        { "GET", "/v1/batches/0195f0c2-7c1e-7d3a-9b5e-3f1a2b4c5d6e" },
    };

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task Request_WithoutPrincipal_Is401Problem(string method, string path)
    {
        using var response = await _host.SendAsync(new HttpMethod(method), path, principal: null, json: "{}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "no valid principal signature");
    }

    [Fact]
    public async Task Request_WithForgedSignature_Is401Problem()
    {
        var forger = new PrincipalSigner("some-other-key-0123456789", TimeProvider.System);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/usage");
        ApiTestHost.Sign(request, Principal.Admin, forger);

        using var response = await _host.Client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "no valid principal signature");
    }

    [Fact]
    public async Task Request_WithEditedPrincipal_Is401Problem()
    {
        var tenant = _host.Tenants.Add();
        using var request = _host.Request(HttpMethod.Get, "/v1/usage", Principal.ForTenant(tenant.Id));
        request.Headers.Remove(PrincipalHeaders.Principal);
        request.Headers.Add(PrincipalHeaders.Principal, "admin");

        using var response = await _host.Client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "no valid principal signature");
    }

    [Fact]
    public async Task Request_WithStaleTimestamp_Is401Problem()
    {
        var past = new FixedTime(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(10));
        var signer = new PrincipalSigner(ApiTestHost.SigningKey, past);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/tenants");
        ApiTestHost.Sign(request, Principal.Admin, signer);

        using var response = await _host.Client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "no valid principal signature");
    }

    [Fact]
    public async Task Request_WithNonNumericTimestamp_Is401Problem()
    {
        using var request = _host.Request(HttpMethod.Post, "/admin/tenants", Principal.Admin, "{}");
        request.Headers.Remove(PrincipalHeaders.Timestamp);
        request.Headers.Add(PrincipalHeaders.Timestamp, "soon");

        using var response = await _host.Client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "no valid principal signature");
    }

    public static TheoryData<string, string, string> WrongPrincipals => new()
    {
        { "tenant", "POST", "/admin/tenants" },
        { "gateway", "POST", "/admin/tenants" },
        { "admin", "POST", "/internal/keys/resolve" },
        { "tenant", "POST", "/internal/keys/resolve" },
        { "admin", "POST", "/v1/embeddings" },
        { "gateway", "GET", "/v1/usage" },
        { "admin", "POST", "/v1/batches" },
    };

    [Theory]
    [MemberData(nameof(WrongPrincipals))]
    public async Task Request_AsWrongKindOfPrincipal_Is403Problem(string kind, string method, string path)
    {
        var principal = kind switch
        {
            "admin" => Principal.Admin,
            "gateway" => Principal.Gateway,
            _ => Principal.ForTenant(_host.Tenants.Add(name: "t" + Guid.NewGuid().ToString("N")).Id),
        };

        using var response = await _host.SendAsync(new HttpMethod(method), path, principal, "{}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "This endpoint is for the");
    }

    [Fact]
    public async Task Request_ForUnknownTenant_Is401Problem()
    {
        var unknown = Guid.NewGuid();

        using var response = await _host.SendAsync(HttpMethod.Get, "/v1/usage", Principal.ForTenant(unknown));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, $"Tenant '{unknown}' does not exist");
    }

    [Fact]
    public async Task Request_ForKnownTenant_IsRememberedBriefly()
    {
        var tenant = _host.Tenants.Add();
        var before = _host.Tenants.FindCalls;

        for (var i = 0; i < 3; i++)
        {
            using var response = await _host.SendAsync(HttpMethod.Post, "/v1/embeddings", Principal.ForTenant(tenant.Id), "{}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Equal(before + 1, _host.Tenants.FindCalls);
    }

    [Fact]
    public async Task Request_UnauthenticatedWithMalformedBody_Is401NotValidation()
    {
        using var response = await _host.SendAsync(HttpMethod.Post, "/admin/tenants", principal: null, json: "{not json");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Request_SignedHeadersSentAgain_IsRefusedAsAReplay()
    {
        var tenant = _host.Tenants.Add();
        using var first = _host.Request(HttpMethod.Get, "/v1/usage", Principal.ForTenant(tenant.Id));
        using var replay = WithHeadersOf(first, HttpMethod.Get, "/v1/usage");

        using var accepted = await _host.Client.SendAsync(first);
        using var replayed = await _host.Client.SendAsync(replay);

        Assert.NotEqual(HttpStatusCode.Unauthorized, accepted.StatusCode);
        await ProblemAssert.IsProblemAsync(replayed, HttpStatusCode.Unauthorized, "replayed");
    }

    [Fact]
    public async Task Request_SignedForAnotherBody_IsRefused()
    {
        using var request = _host.Request(HttpMethod.Post, "/admin/tenants", Principal.Admin, """{"name":"signed-name","rateLimitPerMinute":60}""");
        request.Content = new StringContent("""{"name":"other-name","rateLimitPerMinute":60}""", System.Text.Encoding.UTF8, "application/json");

        using var response = await _host.Client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "altered");
        Assert.Empty(_host.Tenants.FindAll("other-name"));
    }

    [Fact]
    public async Task Request_SignedForAnotherPath_IsRefused()
    {
        var tenant = _host.Tenants.Add();
        using var signedForUsage = _host.Request(HttpMethod.Get, "/v1/usage", Principal.ForTenant(tenant.Id));
        using var request = WithHeadersOf(signedForUsage, HttpMethod.Get, "/v1/batches/0195f0c2-7c1e-7d3a-9b5e-3f1a2b4c5d6e");

        using var response = await _host.Client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "no valid principal signature");
    }

    /// <summary>A new request carrying every header of <paramref name="signed"/>: its signature, captured and sent again.</summary>
    private static HttpRequestMessage WithHeadersOf(HttpRequestMessage signed, HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        foreach (var header in signed.Headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return request;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
