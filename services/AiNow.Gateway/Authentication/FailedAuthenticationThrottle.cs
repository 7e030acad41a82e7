using System.Collections.Concurrent;
using System.Net;
using AiNow.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace AiNow.Gateway.Authentication;

/// <summary>
/// Counts wrong credentials per client address and, past <see cref="GatewayOptions.FailedAuthenticationsPerMinute"/>
/// in a minute, refuses that address's credentials without checking them until the minute ends. Key spraying then
/// costs neither the api and its database (each unknown key is a lookup) nor the key cache. Counted per replica in
/// memory on purpose: it must hold when Redis is away, and a sprayer spread over N replicas is still held to N times
/// the limit. The address is the client's as the trusted forwarded headers give it, never a proxy's.
/// </summary>
public sealed class FailedAuthenticationThrottle(IOptions<GatewayOptions> options, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Bounds memory under a spray from many addresses; past it, new addresses are not tracked.</summary>
    public const int MaxAddresses = 100_000;

    private readonly int _limit = options.Value.FailedAuthenticationsPerMinute;
    private readonly ConcurrentDictionary<IPAddress, Counter> _counters = new();
    private long _lastPurgeTicks;

    /// <summary>Seconds until <paramref name="address"/> may try again, or null when it may try now.</summary>
    public int? RetryAfterSeconds(IPAddress? address)
    {
        if (address is null || !_counters.TryGetValue(address, out var counter))
        {
            return null;
        }

        var now = time.GetUtcNow();
        lock (counter)
        {
            var remaining = counter.WindowStart + Window - now;
            return counter.Failures >= _limit && remaining > TimeSpan.Zero ? (int)Math.Ceiling(remaining.TotalSeconds) : null;
        }
    }

    /// <summary>Counts one wrong credential from <paramref name="address"/>.</summary>
    public void RecordFailure(IPAddress? address)
    {
        if (address is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        Purge(now);
        if (_counters.Count >= MaxAddresses && !_counters.ContainsKey(address))
        {
            return;
        }

        var counter = _counters.GetOrAdd(address, static (_, start) => new Counter(start), now);
        lock (counter)
        {
            if (now - counter.WindowStart >= Window)
            {
                counter.WindowStart = now;
                counter.Failures = 0;
            }

            counter.Failures++;
        }
    }

    private void Purge(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastPurgeTicks);
        if (now.UtcTicks - last < Window.Ticks || Interlocked.CompareExchange(ref _lastPurgeTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        foreach (var (address, counter) in _counters)
        {
            if (now - counter.WindowStart >= Window)
            {
                _counters.TryRemove(address, out _);
            }
        }
    }

    private sealed class Counter(DateTimeOffset windowStart)
    {
        public DateTimeOffset WindowStart { get; set; } = windowStart;

        public int Failures { get; set; }
    }
}
