namespace AiNow.AppHost;

/// <summary>
/// How much memory Redis may use and what it may evict to stay within it. Redis holds two kinds of data:
/// caches (embeddings, API-key lookups), each written with an expiry and safe to lose, and the gateway's
/// rate-limit counters, written without one because losing a counter silently resets a tenant's limit.
/// <c>volatile-lru</c> evicts only keys that have an expiry, least recently used first, so memory pressure
/// costs cache hits and never a counter (an <c>allkeys-*</c> policy could take either; <c>noeviction</c> would fail
/// the writes instead). The counters are a few dozen bytes per tenant, so they cannot crowd out the cache.
/// The managed caches get the same policy from the Terraform modules (ElastiCache parameter group, Memorystore
/// and DigitalOcean configuration); the publishing tests hold them to <see cref="EvictionPolicy"/>.
/// Keys without an expiry (the counters and the usage outbox, which holds charges while PostgreSQL is away) must
/// also survive a restart of the store, so Redis appends every write to its log on the data volume (fsync once a
/// second, Redis's default): a restart loses at most the last second.
/// </summary>
public static class CacheMemoryPolicy
{
    /// <summary>
    /// Redis's memory budget: half the in-cluster store's 1 GiB limit, leaving room for fragmentation, client
    /// buffers and the copy-on-write of a background save, so Redis evicts before the kernel kills it.
    /// </summary>
    public const string MaxMemory = "512mb";

    /// <summary>Evict only keys with an expiry (the caches), least recently used first.</summary>
    public const string EvictionPolicy = "volatile-lru";

    /// <summary>The <c>redis-server</c> flags that apply the policy, and keep every write in the append-only log.</summary>
    public static IReadOnlyList<string> ServerFlags { get; } =
        ["--maxmemory", MaxMemory, "--maxmemory-policy", EvictionPolicy, "--appendonly", "yes"];

    /// <summary>
    /// Starts <paramref name="redis"/> with <see cref="ServerFlags"/>. Aspire runs Redis as
    /// <c>/bin/sh -c "redis-server --requirepass $REDIS_PASSWORD ..."</c> (so the password stays in an environment
    /// variable), so the flags join that command line rather than following it as arguments of their own.
    /// </summary>
    public static IResourceBuilder<RedisResource> WithCacheMemoryPolicy(this IResourceBuilder<RedisResource> redis) =>
        redis.WithArgs(context =>
        {
            var flags = string.Join(' ', ServerFlags);
            var serverCommand = -1;
            for (var i = 0; i < context.Args.Count && serverCommand < 0; i++)
            {
                serverCommand = context.Args[i] is string s && s.StartsWith("redis-server", StringComparison.Ordinal) ? i : -1;
            }

            if (serverCommand >= 0)
            {
                context.Args[serverCommand] = $"{context.Args[serverCommand]} {flags}";
            }
            else if (context.Args.Count == 0)
            {
                foreach (var flag in ServerFlags)
                {
                    context.Args.Add(flag);
                }
            }
            else
            {
                throw new InvalidOperationException(
                    $"Redis '{redis.Resource.Name}' starts with arguments this AppHost does not recognise ({string.Join(' ', context.Args)}), " +
                    $"so its memory policy ({flags}) cannot be added. Update {nameof(CacheMemoryPolicy)}.{nameof(WithCacheMemoryPolicy)} " +
                    "to the Aspire version's Redis command line.");
            }
        });
}
