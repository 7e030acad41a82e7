using AiNow.Api.Caching;
using AiNow.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace AiNow.Api.Tests.Caching;

/// <summary>
/// During a Redis outage every request finds the cache away; the operator is told once a minute, not once a
/// request, and the cache is asked again each time its pause after a failure has passed.
/// </summary>
public sealed class RedisSharedCacheOutageLogTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger<RedisSharedCache> _log = new();
    private ConnectionMultiplexer _unreachable = null!;
    private RedisSharedCache _cache = null!;

    public async Task InitializeAsync()
    {
        _unreachable = await UnreachableRedis.ConnectAsync();
        _cache = new RedisSharedCache(_unreachable, Options.Create(new ApiOptions()), _time, _log);
    }

    public async Task DisposeAsync() => await _unreachable.DisposeAsync();

    private int Warnings() => _log.Collector.GetSnapshot().Count(entry => entry.Level == LogLevel.Warning);

    [Fact]
    public async Task ACacheAwayForMinutes_IsLoggedOncePerMinute()
    {
        Assert.Null(await _cache.GetAsync("k", CancellationToken.None));
        Assert.Equal(1, Warnings());

        // Asked again after every pause, for the rest of the minute: still the one warning.
        for (var i = 0; i < 29; i++)
        {
            _time.Advance(RedisSharedCache.PauseAfterFailure);
            Assert.Null(await _cache.GetAsync("k", CancellationToken.None));
        }

        // A removal is tried even while paused: a tick before the minute, no warning; at the minute, the next one.
        _time.Advance(RedisSharedCache.PauseAfterFailure - TimeSpan.FromTicks(1));
        Assert.False(await _cache.RemoveAsync("k", CancellationToken.None));
        Assert.Equal(1, Warnings());

        _time.Advance(TimeSpan.FromTicks(1));
        Assert.False(await _cache.RemoveAsync("k", CancellationToken.None));
        Assert.Equal(2, Warnings());
    }

    [Fact]
    public async Task TheCache_IsAskedAgainAtExactlyTheEndOfItsPause()
    {
        Assert.Null(await _cache.GetAsync("k", CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(1) - RedisSharedCache.PauseAfterFailure);
        Assert.Null(await _cache.GetAsync("k", CancellationToken.None));    // asked: paused again until the minute
        _time.Advance(RedisSharedCache.PauseAfterFailure - TimeSpan.FromTicks(1));
        Assert.Null(await _cache.GetAsync("k", CancellationToken.None));    // still paused: not asked
        Assert.Equal(1, Warnings());

        // The pause ends at the minute: the cache is asked, fails, and the minute's warning is due.
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Null(await _cache.GetAsync("k", CancellationToken.None));
        Assert.Equal(2, Warnings());
    }
}
