namespace AiNow.Contracts;

/// <summary>
/// Headers the gateway attaches to every request it forwards. Clients never set them: the gateway
/// strips every inbound <c>X-AiNow-</c> header, and the api trusts a principal only with a valid signature.
/// </summary>
public static class PrincipalHeaders
{
    /// <summary>Every header with this prefix is owned by the platform and removed from client requests.</summary>
    public const string Prefix = "X-AiNow-";

    /// <summary>Who the request acts for: <c>tenant:{id}</c>, <c>admin</c> or <c>gateway</c>.</summary>
    public const string Principal = "X-AiNow-Principal";

    /// <summary>Unix seconds at signing; bounds replay of a captured header set.</summary>
    public const string Timestamp = "X-AiNow-Timestamp";

    /// <summary>A random value used once; the receiver refuses a nonce it has already accepted.</summary>
    public const string Nonce = "X-AiNow-Nonce";

    /// <summary>Base64url HMAC-SHA256 of principal, timestamp, nonce, method, path and query, and body hash under the shared signing key.</summary>
    public const string Signature = "X-AiNow-Signature";
}
