using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AiNow.Gateway.Tests.EndToEnd;

public sealed class GatewayEndToEndTests(GatewayHostFixture gateway) : IClassFixture<GatewayHostFixture>
{
    private static HttpRequestMessage Request(HttpMethod method, string path, string? bearer, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return request;
    }

    private static async Task<JsonElement> ReadProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var problem = document.RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }

    [Fact]
    public async Task Alive_Answers200()
    {
        using var response = await gateway.Client.GetAsync(new Uri("/alive", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/internal/keys/resolve")]
    [InlineData("/v2/embeddings")]
    [InlineData("/favicon.ico")]
    public async Task UnroutedPath_Answers404Problem(string path)
    {
        using var response = await gateway.Client.SendAsync(Request(HttpMethod.Post, path, GatewayHostFixture.TenantKey));

        var problem = await ReadProblem(response, HttpStatusCode.NotFound);
        Assert.Contains("/v1/", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenantRequest_ReachesTheApiAsTheSignedTenantWithoutClientCredentialsOrPlatformHeaders()
    {
        using var request = Request(HttpMethod.Post, "/v1/embeddings?x=1", GatewayHostFixture.TenantKey, JsonContent.Create(new { input = "hi" }));
        request.Headers.Add("X-AiNow-Principal", "admin");
        request.Headers.Add("x-ainow-signature", "forged");
        request.Headers.Add("X-AiNow-Whatever", "1");
        request.Headers.Add("X-Request-Id", "abc");

        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echoed = await response.Content.ReadFromJsonAsync<EchoedRequest>();
        Assert.NotNull(echoed);
        Assert.Equal("/v1/embeddings", echoed.Path);
        Assert.Equal($"tenant:{GatewayHostFixture.TenantId:D}", echoed.Principal);
        Assert.DoesNotContain(echoed.Headers.Keys, name => name.Equals("Authorization", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(
            ["x-ainow-nonce", "x-ainow-principal", "x-ainow-signature", "x-ainow-timestamp"],
            echoed.Headers.Keys.Where(name => name.StartsWith("X-AiNow-", StringComparison.OrdinalIgnoreCase))
                .Select(name => name.ToLowerInvariant()).Order(StringComparer.Ordinal));
        Assert.Equal("abc", echoed.Headers.Single(h => h.Key.Equals("X-Request-Id", StringComparison.OrdinalIgnoreCase)).Value);
        Assert.Equal("1000", response.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.True(int.Parse(response.Headers.GetValues("X-RateLimit-Remaining").Single(), System.Globalization.CultureInfo.InvariantCulture) < 1000);
    }

    [Fact]
    public async Task TenantRequest_WithANonAsciiHeaderValue_ReachesTheApiUnchanged()
    {
        using var handler = new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8 };
        using var client = new HttpClient(handler) { BaseAddress = gateway.Client.BaseAddress };
        using var request = Request(HttpMethod.Get, "/v1/usage", GatewayHostFixture.TenantKey);
        request.Headers.Add("X-Client-Note", "café ☕");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echoed = await response.Content.ReadFromJsonAsync<EchoedRequest>();
        Assert.Equal("café ☕", echoed?.Headers.Single(h => h.Key.Equals("X-Client-Note", StringComparison.OrdinalIgnoreCase)).Value);
    }

    [Fact]
    public async Task AdminRequest_WithTheAdminKey_ReachesTheApiAsAdmin()
    {
        using var response = await gateway.Client.SendAsync(Request(HttpMethod.Get, "/admin/tenants/42", Fakes.TestServices.AdminKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echoed = await response.Content.ReadFromJsonAsync<EchoedRequest>();
        Assert.Equal("admin", echoed?.Principal);
        Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
    }

    [Fact]
    public async Task AdminRequest_WithATenantKey_Answers403Problem()
    {
        using var response = await gateway.Client.SendAsync(Request(HttpMethod.Get, "/admin/tenants/42", GatewayHostFixture.TenantKey));

        await ReadProblem(response, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ainow_unknown-key")]
    [InlineData("not-a-key")]
    public async Task TenantRequest_WithoutAValidKey_Answers401ProblemWithChallenge(string? key)
    {
        using var response = await gateway.Client.SendAsync(Request(HttpMethod.Post, "/v1/embeddings", key, JsonContent.Create(new { input = "hi" })));

        await ReadProblem(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task TenantRequest_KeyLookupFails_Answers503Problem()
    {
        using var response = await gateway.Client.SendAsync(Request(HttpMethod.Post, "/v1/embeddings", GatewayHostFixture.FailingLookupKey));

        await ReadProblem(response, HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task DeclaredOversizedBody_Answers413Problem()
    {
        using var content = new ByteArrayContent(new byte[GatewayHostFixture.MaxRequestBodyBytes + 1]);

        using var response = await gateway.Client.SendAsync(Request(HttpMethod.Post, "/v1/embeddings", GatewayHostFixture.TenantKey, content));

        await ReadProblem(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task DeclaredOversizedBody_IsRefusedBeforeAuthentication()
    {
        using var content = new ByteArrayContent(new byte[GatewayHostFixture.MaxRequestBodyBytes + 1]);

        using var response = await gateway.Client.SendAsync(Request(HttpMethod.Post, "/v1/embeddings", bearer: null, content));

        await ReadProblem(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task ChunkedOversizedBody_Answers413Problem()
    {
        using var request = Request(HttpMethod.Post, "/v1/embeddings", GatewayHostFixture.TenantKey,
            new ByteArrayContent(new byte[GatewayHostFixture.MaxRequestBodyBytes * 4]));
        request.Headers.TransferEncodingChunked = true;

        using var response = await gateway.Client.SendAsync(request);

        var problem = await ReadProblem(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("Gateway:MaxRequestBodyBytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    // The server counts chunk framing (size line and CRLFs, ~12 bytes for one chunk) against the
    // limit, so a chunked body must stay that much below it.
    [Theory]
    [InlineData(1)]
    [InlineData(512)]
    [InlineData(1000)]
    public async Task ChunkedBodyWithinTheLimit_IsForwardedWhole(int size)
    {
        using var request = Request(HttpMethod.Post, "/v1/embeddings", GatewayHostFixture.TenantKey,
            new ByteArrayContent(new byte[size]));
        request.Headers.TransferEncodingChunked = true;

        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echoed = await response.Content.ReadFromJsonAsync<EchoedRequest>();
        Assert.Equal(size, echoed?.BodyBytes);
    }

    [Fact]
    public async Task TenantOverItsLimit_Answers429ProblemWithRetryAfterAndRateLimitHeaders()
    {
        gateway.StartTheNextMinute();
        for (var i = 0; i < GatewayHostFixture.LimitedTenantRequestsPerMinute; i++)
        {
            using var accepted = await gateway.Client.SendAsync(Request(HttpMethod.Get, "/v1/usage", GatewayHostFixture.LimitedTenantKey));
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        using var limited = await gateway.Client.SendAsync(Request(HttpMethod.Get, "/v1/usage", GatewayHostFixture.LimitedTenantKey));

        await ReadProblem(limited, HttpStatusCode.TooManyRequests);
        // The rate-limit clock stands half a minute into its minute.
        Assert.Equal(TimeSpan.FromSeconds(30), limited.Headers.RetryAfter?.Delta);
        Assert.Equal("2", limited.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("0", limited.Headers.GetValues("X-RateLimit-Remaining").Single());
    }

    [Fact]
    public async Task TenantOverItsLimit_IsServedAgainWhenTheNextMinuteStarts()
    {
        gateway.StartTheNextMinute();
        for (var i = 0; i <= GatewayHostFixture.LimitedTenantRequestsPerMinute; i++)
        {
            using var response = await gateway.Client.SendAsync(Request(HttpMethod.Get, "/v1/usage", GatewayHostFixture.LimitedTenantKey));
        }

        gateway.RateLimitClock.Advance(TimeSpan.FromSeconds(29));
        using (var stillLimited = await gateway.Client.SendAsync(Request(HttpMethod.Get, "/v1/usage", GatewayHostFixture.LimitedTenantKey)))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, stillLimited.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), stillLimited.Headers.RetryAfter?.Delta);
        }

        gateway.RateLimitClock.Advance(TimeSpan.FromSeconds(1));
        using var served = await gateway.Client.SendAsync(Request(HttpMethod.Get, "/v1/usage", GatewayHostFixture.LimitedTenantKey));

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("1", served.Headers.GetValues("X-RateLimit-Remaining").Single());
    }
}
