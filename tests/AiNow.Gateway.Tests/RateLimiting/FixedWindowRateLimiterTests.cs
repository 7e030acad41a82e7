using AiNow.Gateway.RateLimiting;
using AiNow.Gateway.Telemetry;
using AiNow.Gateway.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AiNow.Gateway.Tests.RateLimiting;

public sealed class FixedWindowRateLimiterTests : IDisposable
{
    // 2026-11-27T12:00:00Z is the start of a minute: unix 1795780800 s = minute 29929680.
    private static readonly DateTimeOffset s_minuteStart = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid s_tenant = Guid.Parse("6f1c2a9e-3b7d-4c55-9a0e-1d2f3a4b5c6d");

    private readonly ServiceProvider _services = TestServices.Provider();
    private readonly InMemoryCounterStore _store = new();
    private readonly FakeTimeProvider _time = new(s_minuteStart.AddSeconds(10));
    private readonly FixedWindowRateLimiter _limiter;

    public FixedWindowRateLimiterTests() => _limiter = new FixedWindowRateLimiter(
        _store, _time, _services.GetRequiredService<GatewayMetrics>(), NullLogger<FixedWindowRateLimiter>.Instance);

    public void Dispose() => _services.Dispose();

    [Theory]
    [InlineData(0, 60)]
    [InlineData(1, 60)]
    [InlineData(500, 60)]
    [InlineData(1_000, 59)]
    [InlineData(30_000, 30)]
    [InlineData(30_001, 30)]
    [InlineData(58_999, 2)]
    [InlineData(59_000, 1)]
    [InlineData(59_999, 1)]
    public void SecondsUntilWindowEnds_MillisecondsIntoMinute_RoundsUpAndIsAtLeastOne(int milliseconds, int expected) =>
        Assert.Equal(expected, FixedWindowRateLimiter.SecondsUntilWindowEnds(s_minuteStart.AddMilliseconds(milliseconds)));

    [Theory]
    [InlineData(1, 3, true, 2)]
    [InlineData(2, 3, true, 1)]
    [InlineData(3, 3, true, 0)]
    [InlineData(4, 3, false, 0)]
    [InlineData(1000, 3, false, 0)]
    [InlineData(1, 1, true, 0)]
    [InlineData(2, 1, false, 0)]
    public void Decide_CountAgainstLimit_AllowsUpToTheLimitInclusive(long count, int limit, bool allowed, int remaining)
    {
        var decision = FixedWindowRateLimiter.Decide(count, limit, retryAfterSeconds: 7);

        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal(remaining, decision.Remaining);
        Assert.Equal(limit, decision.Limit);
        Assert.Equal(7, decision.RetryAfterSeconds);
    }

    [Fact]
    public void CounterKey_TenantAndWindow_FollowsTheSharedKeyFormat()
    {
        Assert.Equal(29_929_680, FixedWindowRateLimiter.WindowOf(s_minuteStart));
        Assert.Equal(29_929_680, FixedWindowRateLimiter.WindowOf(s_minuteStart.AddSeconds(59.999)));
        Assert.Equal(29_929_681, FixedWindowRateLimiter.WindowOf(s_minuteStart.AddSeconds(60)));
        Assert.Equal("ainow:rl:6f1c2a9e-3b7d-4c55-9a0e-1d2f3a4b5c6d", FixedWindowRateLimiter.CounterKey(s_tenant));
    }

    [Fact]
    public async Task AcquireAsync_RequestsOverTheLimit_AreRefusedUntilTheWindowEnds()
    {
        var decisions = new List<RateLimitDecision>();
        for (var i = 0; i < 4; i++)
        {
            decisions.Add(await _limiter.AcquireAsync(s_tenant, 3, CancellationToken.None));
        }

        Assert.Equal([true, true, true, false], decisions.Select(d => d.Allowed));
        Assert.Equal([2, 1, 0, 0], decisions.Select(d => d.Remaining));
        Assert.Equal(50, decisions[3].RetryAfterSeconds);

        _time.Advance(TimeSpan.FromSeconds(50));
        var nextWindow = await _limiter.AcquireAsync(s_tenant, 3, CancellationToken.None);
        Assert.True(nextWindow.Allowed);
        Assert.Equal(2, nextWindow.Remaining);
        Assert.Equal(60, nextWindow.RetryAfterSeconds);
    }

    [Fact]
    public async Task AcquireAsync_IncrementsTheTenantsCounterForTheCurrentMinute()
    {
        await _limiter.AcquireAsync(s_tenant, 3, CancellationToken.None);

        var (key, window) = Assert.Single(_store.Increments);
        Assert.Equal("ainow:rl:6f1c2a9e-3b7d-4c55-9a0e-1d2f3a4b5c6d", key);
        Assert.Equal(29_929_680, window);
    }

    [Fact]
    public async Task AcquireAsync_TenantsAreCountedSeparately()
    {
        Assert.True((await _limiter.AcquireAsync(s_tenant, 1, CancellationToken.None)).Allowed);
        Assert.False((await _limiter.AcquireAsync(s_tenant, 1, CancellationToken.None)).Allowed);

        Assert.True((await _limiter.AcquireAsync(Guid.NewGuid(), 1, CancellationToken.None)).Allowed);
    }

    [Fact]
    public async Task AcquireAsync_StoreFails_LetsTheRequestThroughUncountedAndRecordsIt()
    {
        using var metrics = new MetricRecorder(_services);
        _store.Failure = new InvalidOperationException("No connection is available");

        var decision = await _limiter.AcquireAsync(s_tenant, 3, CancellationToken.None);

        Assert.True(decision.Allowed);
        Assert.False(decision.Counted);
        Assert.Equal(3, decision.Limit);
        Assert.Equal(1, metrics.Total("ainow.gateway.rate_limit.store_failures"));
    }

    [Fact]
    public async Task AcquireAsync_StoreKeepsFailing_WarnsOncePerInterval()
    {
        var logger = new RecordingLogger<FixedWindowRateLimiter>();
        var limiter = new FixedWindowRateLimiter(_store, _time, _services.GetRequiredService<GatewayMetrics>(), logger);
        _store.Failure = new TimeoutException();

        for (var i = 0; i < 5; i++)
        {
            await limiter.AcquireAsync(s_tenant, 3, CancellationToken.None);
        }

        Assert.Single(logger.Entries, entry => entry.Level == Microsoft.Extensions.Logging.LogLevel.Warning);

        // The next warning comes exactly one interval after the first, not a tick before.
        _time.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        await limiter.AcquireAsync(s_tenant, 3, CancellationToken.None);
        Assert.Single(logger.Entries, entry => entry.Level == Microsoft.Extensions.Logging.LogLevel.Warning);

        _time.Advance(TimeSpan.FromTicks(1));
        await limiter.AcquireAsync(s_tenant, 3, CancellationToken.None);
        Assert.Equal(2, logger.Entries.Count(entry => entry.Level == Microsoft.Extensions.Logging.LogLevel.Warning));
    }

    [Fact]
    public async Task AcquireAsync_StoreGivesUpWithItsOwnCancellation_LetsTheRequestThrough()
    {
        // A store's own timeout can surface as a cancellation although the caller is still there: fail open.
        _store.Failure = new TaskCanceledException("The store's command timed out");

        Assert.True((await _limiter.AcquireAsync(s_tenant, 3, CancellationToken.None)).Allowed);
    }

    [Fact]
    public async Task AcquireAsync_StoreTimesOut_LetsTheRequestThrough()
    {
        _store.Failure = new TimeoutException();

        Assert.True((await _limiter.AcquireAsync(s_tenant, 3, CancellationToken.None)).Allowed);
    }

    [Fact]
    public async Task AcquireAsync_ClientGone_ThrowsInsteadOfFailingOpen()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _limiter.AcquireAsync(s_tenant, 3, cancelled.Token));
    }
}
