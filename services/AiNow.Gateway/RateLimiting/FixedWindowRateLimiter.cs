using System.Globalization;
using AiNow.Gateway.Telemetry;

namespace AiNow.Gateway.RateLimiting;

/// <summary>
/// Per-tenant requests-per-minute limit with a fixed window: one counter per tenant
/// (<c>ainow:rl:{tenantId}</c>) counting each clock minute apart, shared by all replicas through the store.
/// </summary>
public sealed partial class FixedWindowRateLimiter(
    IRateLimitCounterStore store,
    TimeProvider time,
    GatewayMetrics metrics,
    ILogger<FixedWindowRateLimiter> logger)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan s_warningInterval = TimeSpan.FromSeconds(30);

    private long _lastWarningTicks;

    public async Task<RateLimitDecision> AcquireAsync(Guid tenantId, int limitPerMinute, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var window = WindowOf(now);
        var retryAfter = SecondsUntilWindowEnds(now);

        long count;
        try
        {
            count = await store.IncrementAsync(CounterKey(tenantId), window, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Fail open: the limit protects the platform from one tenant's excess, while refusing
            // every tenant whenever the cache is down would turn a degraded cache into a full
            // outage. The metric and the warning make the unmetered period visible to operators.
            metrics.RateLimitStoreFailed();
            WarnStoreFailure(ex);
            return new RateLimitDecision(Allowed: true, limitPerMinute, Remaining: limitPerMinute, retryAfter, Counted: false);
        }

        return Decide(count, limitPerMinute, retryAfter);
    }

    /// <summary>The decision for the <paramref name="count"/>-th request of a window.</summary>
    public static RateLimitDecision Decide(long count, int limitPerMinute, int retryAfterSeconds) => new(
        Allowed: count <= limitPerMinute,
        limitPerMinute,
        Remaining: (int)Math.Clamp(limitPerMinute - count, 0, limitPerMinute),
        retryAfterSeconds);

    /// <summary>The window (unix minute) <paramref name="now"/> falls in.</summary>
    public static long WindowOf(DateTimeOffset now) => now.ToUnixTimeSeconds() / (long)Window.TotalSeconds;

    public static string CounterKey(Guid tenantId) =>
        string.Create(CultureInfo.InvariantCulture, $"ainow:rl:{tenantId:D}");

    /// <summary>Whole seconds, rounded up and at least 1, until the window of <paramref name="now"/> ends.</summary>
    public static int SecondsUntilWindowEnds(DateTimeOffset now)
    {
        var windowMilliseconds = (long)Window.TotalMilliseconds;
        var remaining = windowMilliseconds - (now.ToUnixTimeMilliseconds() % windowMilliseconds);
        return (int)Math.Max(1, (remaining + 999) / 1000);
    }

    private void WarnStoreFailure(Exception ex)
    {
        // One warning per interval: during an outage every request fails the same way.
        var now = time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastWarningTicks);
        if (now - last >= s_warningInterval.Ticks && Interlocked.CompareExchange(ref _lastWarningTicks, now, last) == last)
        {
            LogStoreFailure(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The rate-limit store failed; requests pass uncounted until it answers again")]
    private static partial void LogStoreFailure(ILogger logger, Exception exception);
}
