using System.Text.Json;
using AiNow.Api.Http;

namespace AiNow.Api.Tenants;

/// <summary>What a tenant's name and rate limit may be, with messages that say how to fix a bad value.</summary>
public static class TenantRules
{
    public const int MaxNameLength = 100;
    public const int MinRateLimitPerMinute = 1;
    public const int MaxRateLimitPerMinute = 100_000;

    /// <summary>Names are 1..100 of letters, digits, space, dot, underscore and hyphen, without edge spaces.</summary>
    public static bool TryValidateName(string name, out string error)
    {
        error = "";
        if (name.Length is 0 or > MaxNameLength)
        {
            error = $"'name' must have 1 to {MaxNameLength} characters; it has {name.Length}.";
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            if (!IsAllowed(name[i]))
            {
                error = $"'name' may hold only letters A-Z and a-z, digits, space, '.', '_' and '-'; character {i + 1} is not allowed.";
                return false;
            }
        }

        // Edge spaces make names that look equal but are not, which defeats the uniqueness check.
        if (name[0] == ' ' || name[^1] == ' ')
        {
            error = "'name' must not start or end with a space.";
            return false;
        }

        return true;
    }

    /// <summary>Reads and validates the body of <c>POST /admin/tenants</c>.</summary>
    public static bool TryReadCreateRequest(JsonElement body, out string name, out int rateLimitPerMinute, out string error)
    {
        rateLimitPerMinute = 0;
        if (!JsonFields.TryGetRequiredString(body, "name", out name, out error) || !TryValidateName(name, out error))
        {
            return false;
        }

        return JsonFields.TryGetRequiredInt32(
            body, "rateLimitPerMinute", MinRateLimitPerMinute, MaxRateLimitPerMinute, out rateLimitPerMinute, out error);
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or '_' or '-';
}
