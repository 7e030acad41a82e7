using Microsoft.Extensions.Options;

namespace AiNow.Gateway.Configuration;

/// <summary>
/// Fails startup with a message that names the deployment parameter to set, so a missing secret
/// is found when the gateway starts rather than on the first request.
/// </summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public const int MinimumSecretLength = 16;

    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.AdminKey) || options.AdminKey.Length < MinimumSecretLength)
        {
            failures.Add(
                $"Gateway:AdminKey must have at least {MinimumSecretLength} characters. " +
                "Set the 'admin-key' parameter (Parameters__admin-key) to a random secret.");
        }

        if (string.IsNullOrWhiteSpace(options.SigningKey) || options.SigningKey.Length < MinimumSecretLength)
        {
            failures.Add(
                $"Gateway:SigningKey must have at least {MinimumSecretLength} characters. " +
                "Set the 'tenant-signing-key' parameter (Parameters__tenant-signing-key) to the same random secret the api uses.");
        }

        if (options.MaxRequestBodyBytes <= 0)
        {
            failures.Add($"Gateway:MaxRequestBodyBytes must be a positive number of bytes (was {options.MaxRequestBodyBytes}); the default is 1048576.");
        }

        if (options.KeyCacheSeconds is < 0 or > 3600)
        {
            failures.Add($"Gateway:KeyCacheSeconds must be between 0 and 3600 (was {options.KeyCacheSeconds}); 0 turns the key cache off.");
        }

        if (options.FailedAuthenticationsPerMinute is < 1 or > 100_000)
        {
            failures.Add($"Gateway:FailedAuthenticationsPerMinute must be between 1 and 100000 (was {options.FailedAuthenticationsPerMinute}).");
        }

        if (options.RateLimitStoreTimeoutMilliseconds is < 1 or > 10_000)
        {
            failures.Add($"Gateway:RateLimitStoreTimeoutMilliseconds must be between 1 and 10000 (was {options.RateLimitStoreTimeoutMilliseconds}).");
        }

        if (options.ProxyIdleTimeoutSeconds is < 1 or > 3600)
        {
            failures.Add($"Gateway:ProxyIdleTimeoutSeconds must be between 1 and 3600 (was {options.ProxyIdleTimeoutSeconds}); " +
                         "keep it above the api's Api:ChatTimeoutSeconds so chat completions are not cut at the gateway.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
