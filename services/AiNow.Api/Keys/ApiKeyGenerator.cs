using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AiNow.Api.Keys;

/// <summary>
/// API keys: <c>ainow_</c> followed by 43 base64url characters of 32 random bytes. Only the SHA-256 hash and a
/// short prefix (for recognising a key in lists and logs) are ever stored; the key itself is shown once.
/// </summary>
public static class ApiKeyGenerator
{
    /// <summary>What every key starts with, so leaked keys are easy to spot and scan for.</summary>
    public const string Scheme = "ainow_";

    /// <summary>Random bytes per key: 256 bits, far beyond guessing.</summary>
    public const int SecretBytes = 32;

    /// <summary>Length of a key: the scheme plus 43 base64url characters.</summary>
    public const int KeyLength = 49;

    /// <summary>Characters of a key kept in clear as its prefix.</summary>
    public const int PrefixLength = 12;

    /// <summary>Creates a new random key.</summary>
    public static NewApiKey Create()
    {
        Span<byte> secret = stackalloc byte[SecretBytes];
        RandomNumberGenerator.Fill(secret);
        var key = Scheme + Base64Url.EncodeToString(secret);
        return new NewApiKey(key, Hash(key), key[..PrefixLength]);
    }

    /// <summary>SHA-256 of the key's UTF-8 bytes: what is stored and looked up.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The hash as lowercase hex, as used in cache keys.</summary>
    public static string HashHex(byte[] hash) => Convert.ToHexStringLower(hash);

    /// <summary>True when <paramref name="key"/> has the shape of a key this platform issues.</summary>
    public static bool IsWellFormed(string? key) =>
        key is { Length: KeyLength }
        && key.StartsWith(Scheme, StringComparison.Ordinal)
        && Base64Url.IsValid(key.AsSpan(Scheme.Length), out var decodedLength)
        && decodedLength == SecretBytes;
}

/// <summary>A freshly generated key: <see cref="Key"/> goes to the caller once, the rest to the database.</summary>
public sealed record NewApiKey(string Key, byte[] Hash, string Prefix)
{
    // Records print every property; keep the secret out of logs and debugger displays.
    public override string ToString() => $"NewApiKey {{ Prefix = {Prefix} }}";
}
