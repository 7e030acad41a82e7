using System.Text;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AiNow.Api.Caching;

/// <summary>
/// <see cref="ISharedCache"/> on Redis (or Garnet started with <c>--lua</c>): GET, SET with an expiry and DEL, and for
/// budgeted entries <see cref="BudgetedStoreScript"/> and a ZADD XX marking a hit as used. Every key written has an
/// expiry, so Redis's <c>volatile-lru</c> policy may evict any of them under memory pressure. The cache only saves
/// work, so it must never cost a request more than it saves: each command gets <see cref="ApiOptions.CacheTimeoutMilliseconds"/>
/// (a stalled server would otherwise hold every request for the client's 5 s timeout), and after a failure the
/// cache is skipped for <see cref="PauseAfterFailure"/> before it is tried again, so during an outage requests
/// go straight to the source of truth and caching resumes by itself when Redis answers. Failures are logged
/// as warnings at most once a minute.
/// </summary>
public sealed partial class RedisSharedCache(
    IConnectionMultiplexer redis, IOptions<ApiOptions> options, TimeProvider time, ILogger<RedisSharedCache> logger)
    : ISharedCache
{
    /// <summary>How long the cache is left alone after a command failed or ran out of time.</summary>
    public static readonly TimeSpan PauseAfterFailure = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan s_warningInterval = TimeSpan.FromMinutes(1);

    private readonly TimeSpan _budget = TimeSpan.FromMilliseconds(options.Value.CacheTimeoutMilliseconds);
    private long _pausedUntilTicks;
    private long _lastWarningTicks;

    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var value = await RunAsync(database => database.StringGetAsync(key), cancellationToken);
        return value is { IsNull: false } found ? found.ToString() : null;
    }

    public Task SetAsync(string key, string value, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        RunAsync(database => database.StringSetAsync(key, value, timeToLive), cancellationToken);

    public async Task<string?> GetAsync(string key, CacheBudget budget, CancellationToken cancellationToken)
    {
        var value = await GetAsync(key, cancellationToken);
        if (value is not null)
        {
            // Fire and forget: the hit is served now, and a lost touch only makes the entry look older. XX so a
            // touch never brings back a member that trimming has just removed.
            var member = budget.IndexMember(key, Encoding.UTF8.GetByteCount(value));
            _ = await RunAsync(
                database => database.SortedSetAddAsync(budget.IndexKey, member, NowMilliseconds(), SortedSetWhen.Exists, CommandFlags.FireAndForget),
                cancellationToken);
        }

        return value;
    }

    public async Task SetAsync(string key, string value, TimeSpan timeToLive, CacheBudget budget, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes > budget.MaxBytes)
        {
            return;
        }

        var now = NowMilliseconds();
        var lifetime = (long)timeToLive.TotalMilliseconds;
        RedisKey[] keys = [key, budget.IndexKey, budget.BytesKey];
        RedisValue[] arguments =
        [
            value, lifetime, now, now - lifetime, budget.MaxEntries, budget.MaxBytes, budget.EntryPrefix, budget.IndexMember(key, bytes),
        ];
        await RunAsync(database => database.ScriptEvaluateAsync(BudgetedStoreScript.Script, keys, arguments), cancellationToken);
    }

    // Tried even while paused: skipping a read or a store costs a cache miss, skipping a removal leaves a revoked
    // entry in force until it expires.
    public async Task<bool> RemoveAsync(string key, CancellationToken cancellationToken) =>
        await RunAsync<bool?>(async database => await database.KeyDeleteAsync(key), cancellationToken, evenWhilePaused: true) is not null;

    private long NowMilliseconds() => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The command's result, or null when the cache is paused, disconnected, failed or too slow.</summary>
    private async Task<T?> RunAsync<T>(Func<IDatabase, Task<T>> command, CancellationToken cancellationToken, bool evenWhilePaused = false)
    {
        if (!evenWhilePaused && time.GetUtcNow().UtcTicks < Interlocked.Read(ref _pausedUntilTicks))
        {
            return default;
        }

        // While disconnected, commands would wait out the connect timeout; go to the fallback at once.
        if (!redis.IsConnected)
        {
            Pause(null);
            return default;
        }

        try
        {
            return await command(redis.GetDatabase()).WaitAsync(_budget, cancellationToken);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            Pause(exception);
            return default;
        }
    }

    private void Pause(Exception? exception)
    {
        var now = time.GetUtcNow().UtcTicks;
        Interlocked.Exchange(ref _pausedUntilTicks, now + PauseAfterFailure.Ticks);
        var last = Interlocked.Read(ref _lastWarningTicks);
        if (now - last >= s_warningInterval.Ticks && Interlocked.CompareExchange(ref _lastWarningTicks, now, last) == last)
        {
            LogCacheUnavailable(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unavailable or slow; serving without the cache and trying it again every few seconds")]
    private static partial void LogCacheUnavailable(ILogger logger, Exception? exception);
}
