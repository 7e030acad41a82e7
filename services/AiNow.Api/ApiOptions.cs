using AiNow.Contracts;
using AiNow.Contracts.Chat;

namespace AiNow.Api;

/// <summary>The api's settings, bound from the <c>Api</c> configuration section.</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Api";

    /// <summary>Shared HMAC key the gateway signs principals with (the <c>tenant-signing-key</c> parameter).</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Base address of the inference service; service discovery resolves the default.</summary>
    public Uri InferenceUrl { get; set; } = new("http://" + ResourceNames.Inference);

    /// <summary>Largest request body the api reads, in bytes. The gateway applies its own, smaller limit in front.</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Attempts a batch job gets before it is marked failed.</summary>
    public int BatchMaxAttempts { get; set; } = 5;

    /// <summary>Most unfinished (queued or running) batch jobs one tenant may have; more are refused with 429.</summary>
    public int MaxPendingBatchesPerTenant { get; set; } = 10;

    /// <summary>
    /// Most texts across one tenant's unfinished batch jobs; a job that would pass it is refused with 429. At least
    /// one full batch (<see cref="AiNow.Contracts.EmbeddingModel.MaxInputsPerBatch"/> texts), or a full batch could never be queued.
    /// </summary>
    public int MaxPendingBatchInputsPerTenant { get; set; } = 10_000;

    /// <summary>
    /// How long one cache command may take before the request carries on without the cache. The cache saves
    /// milliseconds, so waiting seconds for it is never worth it.
    /// </summary>
    public int CacheTimeoutMilliseconds { get; set; } = 250;

    /// <summary>
    /// Most embeddings responses one tenant keeps in the cache; past it, the tenant's least recently stored or used
    /// entries are dropped, so one tenant embedding many distinct texts cannot push out everyone else's.
    /// </summary>
    public int EmbeddingCacheEntriesPerTenant { get; set; } = 10_000;

    /// <summary>
    /// Most bytes of cached embeddings one tenant keeps (the same trimming as <see cref="EmbeddingCacheEntriesPerTenant"/>).
    /// A response of 64 vectors is about 0.3 MB of JSON, so the count alone would let a tenant hold gigabytes.
    /// </summary>
    public long EmbeddingCacheBytesPerTenant { get; set; } = 32 * 1024 * 1024;

    /// <summary>How long a chat completion may take; language models answer slowly, so this is well above the default HTTP timeout.</summary>
    public int ChatTimeoutSeconds { get; set; } = (int)RequestTimeouts.Chat.TotalSeconds;

    /// <summary>What one chat completion request may ask of the model (<c>Api:Chat</c>); checked before it is forwarded.</summary>
    public ChatRequestLimits Chat { get; set; } = new();
}
