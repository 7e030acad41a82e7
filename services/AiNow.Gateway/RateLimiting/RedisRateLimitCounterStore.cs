using AiNow.Gateway.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AiNow.Gateway.RateLimiting;

/// <summary>
/// The counter in Redis (or Garnet): <c>INCR</c> then <c>EXPIRE</c>, pipelined in one round trip.
/// No Lua and no transactions, so it runs on both. Refreshing the expiry on every increment is
/// harmless (a window key is never read after its minute) and means no key can be left without one.
/// </summary>
public sealed class RedisRateLimitCounterStore(IConnectionMultiplexer redis, IOptions<GatewayOptions> options) : IRateLimitCounterStore
{
    private readonly TimeSpan _timeout = TimeSpan.FromMilliseconds(options.Value.RateLimitStoreTimeoutMilliseconds);

    public async Task<long> IncrementAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var count = database.StringIncrementAsync(key);
        _ = database.KeyExpireAsync(key, lifetime, CommandFlags.FireAndForget);
        return await count.WaitAsync(_timeout, cancellationToken);
    }
}
