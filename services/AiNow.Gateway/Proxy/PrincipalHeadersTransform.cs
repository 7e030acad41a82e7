using AiNow.Contracts;
using AiNow.Gateway.Authentication;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;

namespace AiNow.Gateway.Proxy;

/// <summary>
/// Makes the forwarded request carry only the gateway's word on who is calling: every client
/// header with the platform prefix goes (a client must never choose its principal), the raw
/// credential goes (the api has no use for it), and freshly signed principal headers are added, bound to
/// the forwarded method, path and query and the hash of the body (<see cref="RequestBodyHashMiddleware"/>).
/// </summary>
public sealed class PrincipalHeadersTransform(PrincipalSigner signer) : RequestTransform
{
    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        var caller = context.HttpContext.Features.Get<GatewayCaller>()
            ?? throw new InvalidOperationException("A request reached the proxy without authentication; the proxy pipeline is misconfigured.");

        var request = context.ProxyRequest;
        RemovePlatformHeaders(request.Headers);
        if (request.Content is not null)
        {
            RemovePlatformHeaders(request.Content.Headers);
        }

        request.Headers.Remove(HeaderNames.Authorization);

        var body = context.HttpContext.Features.Get<ReceivedBody>()
            ?? throw new InvalidOperationException("A request reached the proxy without its body hashed; the proxy pipeline is misconfigured.");
        var forwarded = new SignedRequest(context.HttpContext.Request.Method, context.Path.Value + context.Query.QueryString.Value, body.Hash);
        foreach (var (name, value) in signer.CreateHeaders(caller.Principal, forwarded))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return ValueTask.CompletedTask;
    }

    private static void RemovePlatformHeaders(System.Net.Http.Headers.HttpHeaders headers)
    {
        List<string>? platformHeaders = null;
        foreach (var header in headers.NonValidated)
        {
            if (header.Key.StartsWith(PrincipalHeaders.Prefix, StringComparison.OrdinalIgnoreCase))
            {
                (platformHeaders ??= []).Add(header.Key);
            }
        }

        foreach (var name in platformHeaders ?? [])
        {
            headers.Remove(name);
        }
    }
}
