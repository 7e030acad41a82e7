using AiNow.Api.Caching;
using AiNow.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AiNow.Api.Tests.Caching;

/// <summary>
/// During a Redis outage every request finds the cache away; the operator is told once a minute, not once a
/// request, and the cache is asked again each time its pause after a failure has passed.
/// </summary>
public sealed class RedisSharedCacheOutageLogTests
{
    [Fact]
    public async Task ACacheAwayForMinutes_IsLoggedOncePerMinute()
    {
        await using var unreachable = await UnreachableRedis.ConnectAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var log = new FakeLogger<RedisSharedCache>();
        var cache = new RedisSharedCache(unreachable, Options.Create(new ApiOptions()), time, log);
        int Warnings() => log.Collector.GetSnapshot().Count(entry => entry.Level == LogLevel.Warning);

        Assert.Null(await cache.GetAsync("k", CancellationToken.None));
        Assert.Equal(1, Warnings());

        // Asked again after every pause, for the rest of the minute: still the one warning.
        for (var i = 0; i < 29; i++)
        {
            time.Advance(RedisSharedCache.PauseAfterFailure);
            Assert.Null(await cache.GetAsync("k", CancellationToken.None));
        }

        // A removal is tried even while paused: a tick before the minute, no warning; at the minute, the next one.
        time.Advance(RedisSharedCache.PauseAfterFailure - TimeSpan.FromTicks(1));
        Assert.False(await cache.RemoveAsync("k", CancellationToken.None));
        Assert.Equal(1, Warnings());

        time.Advance(TimeSpan.FromTicks(1));
        Assert.False(await cache.RemoveAsync("k", CancellationToken.None));
        Assert.Equal(2, Warnings());
    }
}
