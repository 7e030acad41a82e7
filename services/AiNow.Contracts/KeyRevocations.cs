namespace AiNow.Contracts;

/// <summary>
/// How a revoked API key reaches every gateway replica at once: the api publishes the key's SHA-256 (lower-case
/// hex, never the key) on this Redis channel and each gateway drops it from its key cache. A gateway that misses
/// the message (Redis away) keeps the key at most for its key cache lifetime.
/// </summary>
public static class KeyRevocations
{
    /// <summary>The Redis pub/sub channel revoked key hashes are published on.</summary>
    public const string Channel = "ainow:keys:revoked";
}
