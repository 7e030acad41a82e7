using AiNow.Api.Caching;
using AiNow.Contracts;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AiNow.Api.Keys;

/// <summary>Makes a revoked key stop working everywhere: out of the shared key cache, and announced to the gateways.</summary>
public interface IKeyRevocationBroadcast
{
    /// <summary>Forgets the key with <paramref name="hash"/> in every cache; false when Redis could not be told (the caches then expire it).</summary>
    Task<bool> RevokeAsync(byte[] hash, CancellationToken cancellationToken);
}

/// <summary><see cref="IKeyRevocationBroadcast"/> over the shared cache and Redis pub/sub (<see cref="KeyRevocations.Channel"/>).</summary>
public sealed class RedisKeyRevocationBroadcast(ISharedCache cache, IConnectionMultiplexer redis, IOptions<ApiOptions> options)
    : IKeyRevocationBroadcast
{
    public async Task<bool> RevokeAsync(byte[] hash, CancellationToken cancellationToken)
    {
        var removed = true;
        foreach (var key in KeyResolver.CacheKeys(hash))
        {
            removed &= await cache.RemoveAsync(key, cancellationToken);
        }

        try
        {
            await redis.GetSubscriber()
                .PublishAsync(RedisChannel.Literal(KeyRevocations.Channel), ApiKeyGenerator.HashHex(hash))
                .WaitAsync(TimeSpan.FromMilliseconds(options.Value.CacheTimeoutMilliseconds), cancellationToken);
            return removed;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return false;
        }
    }
}
