using Microsoft.Extensions.Primitives;

namespace AiNow.Gateway.Authentication;

/// <summary>What an <c>Authorization</c> header holds.</summary>
public enum BearerCredentialStatus
{
    Missing,
    Malformed,
    Present,
}

/// <summary>The outcome of reading an <c>Authorization</c> header; <see cref="Token"/> is empty unless present.</summary>
public readonly record struct BearerCredential(BearerCredentialStatus Status, string Token);

/// <summary>Reads <c>Authorization: Bearer &lt;token&gt;</c> (RFC 6750; the scheme is case-insensitive).</summary>
public static class BearerCredentials
{
    private const string Scheme = "Bearer";

    public static BearerCredential Read(StringValues authorization)
    {
        if (authorization.Count == 0 || (authorization.Count == 1 && string.IsNullOrWhiteSpace(authorization[0])))
        {
            return new(BearerCredentialStatus.Missing, "");
        }

        // Two Authorization headers leave it ambiguous which one the client meant.
        if (authorization.Count > 1)
        {
            return new(BearerCredentialStatus.Malformed, "");
        }

        var value = authorization[0]!.Trim();
        if (value.Length <= Scheme.Length
            || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            || value[Scheme.Length] != ' ')
        {
            return new(BearerCredentialStatus.Malformed, "");
        }

        var token = value[(Scheme.Length + 1)..].Trim();
        if (token.Length == 0 || token.Any(char.IsWhiteSpace))
        {
            return new(BearerCredentialStatus.Malformed, "");
        }

        return new(BearerCredentialStatus.Present, token);
    }
}
