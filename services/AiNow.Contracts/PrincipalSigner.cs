using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace AiNow.Contracts;

/// <summary>
/// Signs and verifies the principal a caller inside the platform attaches (the gateway for a client, a service
/// for its own calls), so a request that arrives any other way, or with edited headers, claims nothing.
/// HMAC-SHA256 over principal, time, a one-time nonce, and the request itself (<see cref="SignedRequest"/>):
/// a captured header set fits only its own request, only within <see cref="AllowedSkew"/>, and only once when
/// the receiver keeps a <see cref="ReplayGuard"/>.
/// </summary>
public sealed class PrincipalSigner
{
    /// <summary>How far a signature's timestamp may be from the verifier's clock (pods' clocks are NTP-synchronised).</summary>
    public static readonly TimeSpan AllowedSkew = TimeSpan.FromSeconds(30);

    /// <summary>Names the payload layout, so a signature of another layout can never verify as this one.</summary>
    private const string PayloadVersion = "ainow-principal-v2";

    private const int NonceBytes = 16;

    private readonly byte[] _key;
    private readonly TimeProvider _time;

    /// <summary>Creates a signer; the key must have at least 16 characters.</summary>
    public PrincipalSigner(string signingKey, TimeProvider time)
    {
        if (string.IsNullOrEmpty(signingKey) || signingKey.Length < 16)
        {
            throw new ArgumentException(
                "The principal signing key must have at least 16 characters. Set the 'tenant-signing-key' parameter.",
                nameof(signingKey));
        }

        _key = Encoding.UTF8.GetBytes(signingKey);
        _time = time;
    }

    /// <summary>The headers that carry <paramref name="principal"/> for <paramref name="request"/>, signed now with a fresh nonce.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> CreateHeaders(Principal principal, SignedRequest request) =>
        CreateHeaders(principal, request, WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(NonceBytes)));

    /// <summary>As <see cref="CreateHeaders(Principal, SignedRequest)"/> with a given nonce, for a reproducible signature.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> CreateHeaders(Principal principal, SignedRequest request, string nonce)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(request);
        var value = principal.ToString();
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return
        [
            new(PrincipalHeaders.Principal, value),
            new(PrincipalHeaders.Timestamp, timestamp),
            new(PrincipalHeaders.Nonce, nonce),
            new(PrincipalHeaders.Signature, Sign(value, timestamp, nonce, request)),
        ];
    }

    /// <summary>Verifies the headers against <paramref name="request"/>; the signed principal when everything checks out, else null.</summary>
    public SignedPrincipal? Verify(string? principal, string? timestamp, string? nonce, string? signature, SignedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Parsed first: a malformed principal costs no HMAC, and a correctly signed one is still refused.
        if (!Principal.TryParse(principal, out var parsed) || signature is null
            || string.IsNullOrEmpty(nonce) || nonce.Length > 64
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if ((_time.GetUtcNow() - signedAt).Duration() > AllowedSkew)
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(principal, timestamp, nonce, request));
        var actual = Encoding.ASCII.GetBytes(signature);
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            return null;
        }

        return new SignedPrincipal(parsed, nonce, signedAt);
    }

    private string Sign(string principal, string timestamp, string nonce, SignedRequest request)
    {
        var payload = Encoding.UTF8.GetBytes(string.Join('\n',
            PayloadVersion, principal, timestamp, nonce, request.Method.ToUpperInvariant(), request.PathAndQuery, request.BodyHash));
        return WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key, payload));
    }
}

/// <summary>A principal whose signature verified, with what replay protection needs.</summary>
public sealed record SignedPrincipal(Principal Principal, string Nonce, DateTimeOffset SignedAt);
