using AiNow.Contracts;

namespace AiNow.Gateway.Configuration;

/// <summary>Settings of the gateway, bound from the <c>Gateway</c> configuration section.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>The bearer credential for <c>/admin/*</c> (secret parameter <c>admin-key</c>).</summary>
    public string AdminKey { get; set; } = "";

    /// <summary>The key that signs principal headers for the api (secret parameter <c>tenant-signing-key</c>).</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>The largest request body forwarded, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;

    /// <summary>How long a resolved API key is trusted without asking the api again.</summary>
    public int KeyCacheSeconds { get; set; } = 30;

    /// <summary>
    /// Wrong credentials one client address may send in a minute before its credentials are refused unchecked
    /// (429) for the rest of the minute. High enough for a client with a typo to see its error, low enough that
    /// guessing keys gets nowhere.
    /// </summary>
    public int FailedAuthenticationsPerMinute { get; set; } = 20;

    /// <summary>
    /// How long a request waits for the shared rate-limit counter before it is let through uncounted.
    /// Kept short: the counter guards the api, it must not become the slowest hop.
    /// </summary>
    public int RateLimitStoreTimeoutMilliseconds { get; set; } = 250;

    /// <summary>
    /// How long a forwarded request may go without a byte from the api before the gateway answers 504. Outlasts the
    /// api's own wait for a chat completion, so the api's answer (or its problem) arrives first.
    /// </summary>
    public int ProxyIdleTimeoutSeconds { get; set; } = (int)RequestTimeouts.GatewayIdle.TotalSeconds;
}
