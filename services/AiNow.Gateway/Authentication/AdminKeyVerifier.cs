using System.Security.Cryptography;
using System.Text;
using AiNow.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace AiNow.Gateway.Authentication;

/// <summary>Checks a bearer token against the admin key in constant time.</summary>
public sealed class AdminKeyVerifier(IOptions<GatewayOptions> options)
{
    // Comparing digests keeps the time independent of both content and length of the candidate.
    private readonly byte[] _adminKeyDigest = Digest(options.Value.AdminKey);

    public bool Matches(string candidate) =>
        CryptographicOperations.FixedTimeEquals(Digest(candidate), _adminKeyDigest);

    private static byte[] Digest(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
