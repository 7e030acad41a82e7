using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace AiNow.Contracts;

/// <summary>
/// Signs and verifies the principal the gateway attaches, so a request that reaches the api any
/// other way (or with edited headers) cannot claim a tenant. HMAC-SHA256 over principal and time.
/// </summary>
public sealed class PrincipalSigner
{
    /// <summary>How far a signature's timestamp may be from the verifier's clock.</summary>
    public static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(5);

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

    /// <summary>The three headers that carry <paramref name="principal"/>, signed now.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> CreateHeaders(Principal principal)
    {
        var value = principal.ToString();
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return
        [
            new(PrincipalHeaders.Principal, value),
            new(PrincipalHeaders.Timestamp, timestamp),
            new(PrincipalHeaders.Signature, Sign(value, timestamp)),
        ];
    }

    /// <summary>Verifies the headers; the principal when signature and time check out, else null.</summary>
    public Principal? Verify(string? principal, string? timestamp, string? signature)
    {
        if (principal is null || timestamp is null || signature is null
            || !long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if ((_time.GetUtcNow() - signedAt).Duration() > AllowedSkew)
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(principal, timestamp));
        var actual = Encoding.ASCII.GetBytes(signature);
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            return null;
        }

        return Principal.TryParse(principal, out var parsed) ? parsed : null;
    }

    private string Sign(string principal, string timestamp)
    {
        var payload = Encoding.UTF8.GetBytes($"{principal}\n{timestamp}");
        return WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key, payload));
    }
}
