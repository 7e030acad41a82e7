using StackExchange.Redis;

namespace AiNow.Api.Caching;

/// <summary>
/// <see cref="ISharedCache"/> on Redis (or Garnet), using only GET and SET with EX. Failures are logged as
/// warnings, at most once a minute so an outage does not flood the log, and then ignored.
/// </summary>
public sealed partial class RedisSharedCache(IConnectionMultiplexer redis, TimeProvider time, ILogger<RedisSharedCache> logger)
    : ISharedCache
{
    private static readonly TimeSpan s_warningInterval = TimeSpan.FromMinutes(1);
    private long _lastWarningTicks;

    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (!IsUsable())
        {
            return null;
        }

        try
        {
            var value = await redis.GetDatabase().StringGetAsync(key);
            return value.IsNull ? null : value.ToString();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            WarnUnavailable(exception);
            return null;
        }
    }

    public async Task SetAsync(string key, string value, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        if (!IsUsable())
        {
            return;
        }

        try
        {
            await redis.GetDatabase().StringSetAsync(key, value, timeToLive);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            WarnUnavailable(exception);
        }
    }

    // While disconnected, commands would wait out the connect timeout; skip straight to the fallback.
    private bool IsUsable()
    {
        if (redis.IsConnected)
        {
            return true;
        }

        WarnUnavailable(null);
        return false;
    }

    private void WarnUnavailable(Exception? exception)
    {
        var now = time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastWarningTicks);
        if (now - last >= s_warningInterval.Ticks && Interlocked.CompareExchange(ref _lastWarningTicks, now, last) == last)
        {
            LogCacheUnavailable(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unavailable; serving without the cache")]
    private static partial void LogCacheUnavailable(ILogger logger, Exception? exception);
}
