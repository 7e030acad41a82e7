namespace AiNow.Contracts;

/// <summary>
/// Signs every request of an HttpClient as <paramref name="principal"/>. Registered innermost (after any
/// resilience handler), so each retry is signed afresh with a new nonce instead of replaying the first.
/// </summary>
public sealed class PrincipalSigningHandler(PrincipalSigner signer, Principal principal) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        foreach (var name in new[] { PrincipalHeaders.Principal, PrincipalHeaders.Timestamp, PrincipalHeaders.Nonce, PrincipalHeaders.Signature })
        {
            request.Headers.Remove(name);
        }

        foreach (var (name, value) in signer.CreateHeaders(principal, await SignedRequest.OfAsync(request, cancellationToken)))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
