using Microsoft.AspNetCore.Http;

namespace AiNow.Contracts;

/// <summary>
/// The receiving side of principal signing, shared by every service that trusts one: reads the principal
/// headers, verifies them against the request as received (method, path and query, body hash) and refuses a
/// nonce already used. Null means unsigned, forged, stale, altered or replayed, and the caller answers 401.
/// </summary>
public sealed class SignedPrincipalReader(PrincipalSigner signer, ReplayGuard replays)
{
    public async Task<Principal?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = request.Headers;
        var principal = headers[PrincipalHeaders.Principal].FirstOrDefault();
        var signature = headers[PrincipalHeaders.Signature].FirstOrDefault();
        if (principal is null || signature is null)
        {
            return null;
        }

        var verified = signer.Verify(
            principal,
            headers[PrincipalHeaders.Timestamp].FirstOrDefault(),
            headers[PrincipalHeaders.Nonce].FirstOrDefault(),
            signature,
            await SignedRequest.ReadAsync(request, cancellationToken));
        return verified is not null && replays.TryAccept(verified) ? verified.Principal : null;
    }
}
