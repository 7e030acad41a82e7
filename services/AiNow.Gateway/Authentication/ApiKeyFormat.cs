namespace AiNow.Gateway.Authentication;

/// <summary>
/// The shape of a tenant API key (<c>ainow_</c> + base64url). Checked before asking the api, so
/// random strings never cost a lookup and the admin key is never sent to the api.
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = "ainow_";

    // Keys are 49 characters today; the bound only stops absurd input from being hashed and sent on.
    private const int MaxLength = 256;

    public static bool IsTenantKey(string token)
    {
        if (token.Length <= Prefix.Length || token.Length > MaxLength || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in token.AsSpan(Prefix.Length))
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
