using AiNow.Gateway.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AiNow.Gateway.RateLimiting;

/// <summary>
/// The counters in Redis (or Garnet started with <c>--lua</c>): one hash per tenant, one field per window,
/// incremented and pruned in one Lua script so concurrent replicas never see a half-pruned hash.
/// <para>
/// The hash has no expiry on purpose. Redis runs with <c>maxmemory-policy volatile-lru</c>, which evicts only
/// keys that have an expiry (the caches); a counter with one could be evicted under memory pressure, and the
/// tenant's limit would silently start again from zero. Instead the script deletes the fields of earlier
/// windows when a new window starts, so each hash holds at most a few small fields (a few dozen bytes per tenant).
/// The previous window is kept so a replica whose clock lags a little still counts on the same field.
/// </para>
/// </summary>
public sealed class RedisRateLimitCounterStore(IConnectionMultiplexer redis, IOptions<GatewayOptions> options) : IRateLimitCounterStore
{
    // KEYS[1] the tenant's hash, ARGV[1] the window. Pruning runs once per window (on its first request),
    // so the HKEYS walk over a handful of fields is not paid on every request.
    internal const string IncrementScript = """
        local count = redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
        if count == 1 then
          local oldest = tonumber(ARGV[1]) - 1
          for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
            local window = tonumber(field)
            if window == nil or window < oldest then
              redis.call('HDEL', KEYS[1], field)
            end
          end
        end
        return count
        """;

    private readonly TimeSpan _timeout = TimeSpan.FromMilliseconds(options.Value.RateLimitStoreTimeoutMilliseconds);

    public async Task<long> IncrementAsync(string key, long window, CancellationToken cancellationToken)
    {
        var result = await redis.GetDatabase()
            .ScriptEvaluateAsync(IncrementScript, [key], [window])
            .WaitAsync(_timeout, cancellationToken);
        return (long)result;
    }
}
