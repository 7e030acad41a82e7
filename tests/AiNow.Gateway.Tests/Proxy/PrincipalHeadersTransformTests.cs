using AiNow.Contracts;
using AiNow.Gateway.Authentication;
using AiNow.Gateway.Proxy;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Transforms;

namespace AiNow.Gateway.Tests.Proxy;

public sealed class PrincipalHeadersTransformTests
{
    private static readonly PrincipalSigner s_signer = new("signing-key-for-tests-0123456789", TimeProvider.System);
    private readonly PrincipalHeadersTransform _transform = new(s_signer);

    private static (RequestTransformContext Context, HttpRequestMessage Request) Forwarding(GatewayCaller? caller)
    {
        var httpContext = new DefaultHttpContext();
        httpContext.Request.Method = "POST";
        httpContext.Features.Set(new ReceivedBody(SignedRequest.Hash("{}"u8)));
        if (caller is not null)
        {
            httpContext.Features.Set(caller);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "http://api/v1/embeddings")
        {
            Content = new StringContent("{}"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer ainow_secret");
        request.Headers.TryAddWithoutValidation("X-AiNow-Principal", "admin");
        request.Headers.TryAddWithoutValidation("X-AiNow-Timestamp", "1");
        request.Headers.TryAddWithoutValidation("X-AiNow-Signature", "forged");
        request.Headers.TryAddWithoutValidation("x-ainow-cache", "hit");
        request.Headers.TryAddWithoutValidation("X-AINOW-Anything", "value");
        request.Headers.TryAddWithoutValidation("X-Request-Id", "kept");
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        return (new RequestTransformContext { HttpContext = httpContext, ProxyRequest = request, HeadersCopied = true, Path = "/v1/embeddings" }, request);
    }

    [Fact]
    public async Task ApplyAsync_TenantCaller_ReplacesClientPrincipalHeadersWithSignedOnes()
    {
        var tenantId = Guid.NewGuid();
        var (context, request) = Forwarding(GatewayCaller.ForTenant(new TenantIdentity(tenantId, "acme", 10)));

        await _transform.ApplyAsync(context);

        var platformHeaders = request.Headers.NonValidated
            .Where(h => h.Key.StartsWith("X-AiNow-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => Assert.Single(h.Value), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(
            new[] { PrincipalHeaders.Nonce, PrincipalHeaders.Principal, PrincipalHeaders.Signature, PrincipalHeaders.Timestamp },
            platformHeaders.Keys.Order(StringComparer.Ordinal));
        Assert.Equal($"tenant:{tenantId:D}", platformHeaders[PrincipalHeaders.Principal]);
        var verified = s_signer.Verify(
            platformHeaders[PrincipalHeaders.Principal], platformHeaders[PrincipalHeaders.Timestamp], platformHeaders[PrincipalHeaders.Nonce],
            platformHeaders[PrincipalHeaders.Signature], new SignedRequest("POST", "/v1/embeddings", SignedRequest.Hash("{}"u8)));
        Assert.Equal(Principal.ForTenant(tenantId), verified?.Principal);
    }

    [Fact]
    public async Task ApplyAsync_RemovesTheClientCredential()
    {
        var (context, request) = Forwarding(GatewayCaller.Admin);

        await _transform.ApplyAsync(context);

        Assert.False(request.Headers.Contains("Authorization"));
    }

    [Fact]
    public async Task ApplyAsync_KeepsOtherHeaders()
    {
        var (context, request) = Forwarding(GatewayCaller.Admin);

        await _transform.ApplyAsync(context);

        Assert.Equal("kept", Assert.Single(request.Headers.GetValues("X-Request-Id")));
        Assert.Equal("application/json", Assert.Single(request.Headers.GetValues("Accept")));
    }

    [Fact]
    public async Task ApplyAsync_Admin_IsSignedAsAdmin()
    {
        var (context, request) = Forwarding(GatewayCaller.Admin);

        await _transform.ApplyAsync(context);

        Assert.Equal("admin", Assert.Single(request.Headers.GetValues(PrincipalHeaders.Principal)));
    }

    [Fact]
    public async Task ApplyAsync_BodyNotHashed_RefusesToForward()
    {
        var (context, _) = Forwarding(GatewayCaller.Admin);
        context.HttpContext.Features.Set<ReceivedBody>(null);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _transform.ApplyAsync(context).AsTask());
    }

    [Fact]
    public async Task ApplyAsync_NoAuthenticatedCaller_RefusesToForward()
    {
        var (context, _) = Forwarding(caller: null);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _transform.ApplyAsync(context).AsTask());
    }
}
