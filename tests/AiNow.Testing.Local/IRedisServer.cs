using StackExchange.Redis;

namespace AiNow.Testing;

/// <summary>A Redis-compatible server a test started, with a client connected to it; disposing stops both.</summary>
public interface IRedisServer : IAsyncDisposable
{
    int Port { get; }

    /// <summary>The client connected to the server.</summary>
    ConnectionMultiplexer Redis { get; }
}

/// <summary>
/// The servers the store code meets: Garnet, which the local run starts, and Redis, which every deployment runs
/// (in the cluster, or as ElastiCache, Memorystore or DigitalOcean's managed service). Store tests run on both,
/// since a command or Lua script one accepts the other may refuse.
/// </summary>
public enum RedisServerKind
{
    Garnet,
    Redis,
}

/// <summary>Starts the server a test asks for.</summary>
public static class RedisServers
{
    public static async Task<IRedisServer> StartAsync(RedisServerKind kind) => kind switch
    {
        RedisServerKind.Garnet => await TemporaryGarnet.StartAsync(),
        RedisServerKind.Redis => await TemporaryRedis.StartAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a server these tests can start."),
    };
}
