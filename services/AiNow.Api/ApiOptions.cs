using AiNow.Contracts;

namespace AiNow.Api;

/// <summary>The api's settings, bound from the <c>Api</c> configuration section.</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Api";

    /// <summary>Shared HMAC key the gateway signs principals with (the <c>tenant-signing-key</c> parameter).</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Base address of the inference service; service discovery resolves the default.</summary>
    public Uri InferenceUrl { get; set; } = new("http://inference");

    /// <summary>Largest request body the api reads, in bytes. The gateway applies its own, smaller limit in front.</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Attempts a batch job gets before it is marked failed.</summary>
    public int BatchMaxAttempts { get; set; } = 5;

    /// <summary>
    /// How long one cache command may take before the request carries on without the cache. The cache saves
    /// milliseconds, so waiting seconds for it is never worth it.
    /// </summary>
    public int CacheTimeoutMilliseconds { get; set; } = 250;

    /// <summary>How long a chat completion may take; language models answer slowly, so this is well above the default HTTP timeout.</summary>
    public int ChatTimeoutSeconds { get; set; } = (int)RequestTimeouts.Chat.TotalSeconds;
}
