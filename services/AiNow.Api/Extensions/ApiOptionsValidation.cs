using AiNow.Contracts;
using Microsoft.Extensions.Options;

namespace AiNow.Api.Extensions;

/// <summary>Fails startup with a message that names the setting to fix, rather than failing the first request.</summary>
internal sealed class ApiOptionsValidation : IValidateOptions<ApiOptions>
{
    public const int MinSigningKeyLength = 16;

    // Above this a tenant's index costs more to trim (and to count again) than its entries save.
    public const int MaxEmbeddingCacheEntriesPerTenant = 1_000_000;

    // Below one response of 64 vectors (~0.3 MB) with room to spare, batches of texts would never be cached.
    public const long MinEmbeddingCacheBytesPerTenant = 1024 * 1024;

    public const long MaxEmbeddingCacheBytesPerTenant = 1024L * 1024 * 1024;

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

        if (options.MaxPendingBatchesPerTenant is < 1 or > 10_000)
        {
            failures.Add(
                $"Api:MaxPendingBatchesPerTenant must be between 1 and 10000 (it is {options.MaxPendingBatchesPerTenant}): " +
                "the unfinished batch jobs one tenant may have.");
        }

        if (options.MaxPendingBatchInputsPerTenant is < EmbeddingModel.MaxInputsPerBatch or > 10_000_000)
        {
            failures.Add(
                $"Api:MaxPendingBatchInputsPerTenant must be between {EmbeddingModel.MaxInputsPerBatch} and 10000000 (it is {options.MaxPendingBatchInputsPerTenant}): " +
                $"the texts across one tenant's unfinished batch jobs, at least one full batch of {EmbeddingModel.MaxInputsPerBatch}.");
        }

        if (options.ChatTimeoutSeconds is < 1 or > 3600)
        {
            failures.Add($"Api:ChatTimeoutSeconds must be between 1 and 3600 (it is {options.ChatTimeoutSeconds}).");
        }

        if (options.CacheTimeoutMilliseconds is < 10 or > 5000)
        {
            failures.Add($"Api:CacheTimeoutMilliseconds must be between 10 and 5000 (it is {options.CacheTimeoutMilliseconds}).");
        }

        if (options.EmbeddingCacheEntriesPerTenant is < 1 or > MaxEmbeddingCacheEntriesPerTenant)
        {
            failures.Add(
                $"Api:EmbeddingCacheEntriesPerTenant must be between 1 and {MaxEmbeddingCacheEntriesPerTenant} (it is {options.EmbeddingCacheEntriesPerTenant}). " +
                "It bounds how many embeddings responses one tenant keeps in Redis; the default is 10000.");
        }

        if (options.EmbeddingCacheBytesPerTenant is < MinEmbeddingCacheBytesPerTenant or > MaxEmbeddingCacheBytesPerTenant)
        {
            failures.Add(
                $"Api:EmbeddingCacheBytesPerTenant must be between {MinEmbeddingCacheBytesPerTenant} (1 MiB) and {MaxEmbeddingCacheBytesPerTenant} (1 GiB) " +
                $"(it is {options.EmbeddingCacheBytesPerTenant}). It bounds the bytes of embeddings one tenant keeps in Redis; " +
                "keep it well under Redis's maxmemory (the default is 33554432, 32 MiB).");
        }

        if (!options.InferenceUrl.IsAbsoluteUri)
        {
            failures.Add($"Api:InferenceUrl must be an absolute URL like http://inference (it is '{options.InferenceUrl}').");
        }

        failures.AddRange(options.Chat.FindProblems($"{ApiOptions.SectionName}:{nameof(ApiOptions.Chat)}"));

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
