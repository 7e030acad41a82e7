using Microsoft.Extensions.Options;

namespace AiNow.Api.Extensions;

/// <summary>Fails startup with a message that names the setting to fix, rather than failing the first request.</summary>
internal sealed class ApiOptionsValidation : IValidateOptions<ApiOptions>
{
    public const int MinSigningKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrEmpty(options.SigningKey) || options.SigningKey.Length < MinSigningKeyLength)
        {
            failures.Add(
                $"Api:SigningKey must hold at least {MinSigningKeyLength} characters (it has {options.SigningKey?.Length ?? 0}). " +
                "Set the secret parameter 'tenant-signing-key' (Parameters__tenant-signing-key) to the same value the gateway uses.");
        }

        if (options.MaxRequestBodyBytes < 1024)
        {
            failures.Add($"Api:MaxRequestBodyBytes must be at least 1024 (it is {options.MaxRequestBodyBytes}).");
        }

        if (options.BatchMaxAttempts is < 1 or > 100)
        {
            failures.Add($"Api:BatchMaxAttempts must be between 1 and 100 (it is {options.BatchMaxAttempts}).");
        }

        if (options.ChatTimeoutSeconds is < 1 or > 3600)
        {
            failures.Add($"Api:ChatTimeoutSeconds must be between 1 and 3600 (it is {options.ChatTimeoutSeconds}).");
        }

        if (options.CacheTimeoutMilliseconds is < 10 or > 5000)
        {
            failures.Add($"Api:CacheTimeoutMilliseconds must be between 10 and 5000 (it is {options.CacheTimeoutMilliseconds}).");
        }

        if (!options.InferenceUrl.IsAbsoluteUri)
        {
            failures.Add($"Api:InferenceUrl must be an absolute URL like http://inference (it is '{options.InferenceUrl}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
