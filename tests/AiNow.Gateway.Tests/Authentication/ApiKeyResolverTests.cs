using System.Net;
using System.Text.Json;
using AiNow.Gateway.Authentication;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiNow.Gateway.Tests.Authentication;

public sealed class ApiKeyResolverTests
{
    // Signing is the named client's handler (PrincipalSigningHandler), proved end to end by GatewayEndToEndTests.
    private static ApiKeyResolver CreateResolver(Func<HttpRequestMessage, Task<HttpResponseMessage>> answer) =>
        new(new StubHttpClientFactory(answer), NullLogger<ApiKeyResolver>.Instance);

    [Fact]
    public async Task ResolveAsync_ApiFindsTheKey_ReturnsTheTenantFromALookup()
    {
        var tenantId = Guid.NewGuid();
        HttpRequestMessage? sent = null;
        string? sentBody = null;
        var resolver = CreateResolver(async request =>
        {
            sent = request;
            sentBody = await request.Content!.ReadAsStringAsync();
            return Json(HttpStatusCode.OK, $$"""{"tenantId":"{{tenantId}}","tenantName":"acme","rateLimitPerMinute":120}""");
        });

        var tenant = await resolver.ResolveAsync("ainow_abc", CancellationToken.None);

        Assert.Equal(new TenantIdentity(tenantId, "acme", 120), tenant);
        Assert.Equal(HttpMethod.Post, sent!.Method);
        Assert.Equal("http://api/internal/keys/resolve", sent.RequestUri!.ToString());
        Assert.Equal("ainow_abc", JsonDocument.Parse(sentBody!).RootElement.GetProperty("key").GetString());
    }

    [Fact]
    public async Task ResolveAsync_ApiAnswers404_ReturnsNull()
    {
        var resolver = CreateResolver(_ => Task.FromResult(Json(HttpStatusCode.NotFound, """{"status":404}""")));

        Assert.Null(await resolver.ResolveAsync("ainow_abc", CancellationToken.None));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, """{"status":500}""")]
    [InlineData(HttpStatusCode.Unauthorized, """{"status":401}""")]
    [InlineData(HttpStatusCode.OK, """not json""")]
    [InlineData(HttpStatusCode.OK, """{"tenantName":"acme"}""")]
    public async Task ResolveAsync_ApiAnswersSomethingUnusable_ThrowsApiUnavailable(HttpStatusCode status, string body)
    {
        var resolver = CreateResolver(_ => Task.FromResult(Json(status, body)));

        await Assert.ThrowsAsync<ApiUnavailableException>(() => resolver.ResolveAsync("ainow_abc", CancellationToken.None));
    }

    [Fact]
    public async Task ResolveAsync_ApiUnreachable_ThrowsApiUnavailable()
    {
        var resolver = CreateResolver(_ => throw new HttpRequestException("Connection refused"));

        var error = await Assert.ThrowsAsync<ApiUnavailableException>(() => resolver.ResolveAsync("ainow_abc", CancellationToken.None));
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) => new(status)
    {
        Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
    };

    private sealed class StubHttpClientFactory(Func<HttpRequestMessage, Task<HttpResponseMessage>> answer) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name)
        {
            Assert.Equal(ApiKeyResolver.HttpClientName, name);
            return new HttpClient(new StubHandler(answer)) { BaseAddress = ApiKeyResolver.ApiBaseAddress };
        }
    }

    private sealed class StubHandler(Func<HttpRequestMessage, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => answer(request);
    }
}
