using System.Collections.Concurrent;

namespace AiNow.Contracts;

/// <summary>
/// Remembers the nonces of accepted signatures for as long as their timestamps could still verify, and refuses
/// a nonce seen before: a captured request cannot be sent again to this replica. Per process on purpose (no
/// store on the request path); a replay to another replica within <see cref="PrincipalSigner.AllowedSkew"/> of
/// the capture is not caught, which is the stated bound. Bounded: when full of live nonces it refuses (fails
/// closed) rather than forgetting what it must remember.
/// </summary>
public sealed class ReplayGuard(TimeProvider time, int capacity = ReplayGuard.DefaultCapacity)
{
    /// <summary>About 100 bytes a nonce, so some tens of megabytes at most; a minute of several thousand requests a second.</summary>
    public const int DefaultCapacity = 500_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private long _lastPurgeTicks;

    /// <summary>True the first time <paramref name="verified"/>'s nonce is offered; false for a replay (or when full).</summary>
    public bool TryAccept(SignedPrincipal verified)
    {
        ArgumentNullException.ThrowIfNull(verified);
        var now = time.GetUtcNow();
        Purge(now);
        if (_seen.Count >= capacity)
        {
            return false;
        }

        // Remembered until the signature's timestamp is too old to verify anywhere.
        return _seen.TryAdd(verified.Nonce, verified.SignedAt + PrincipalSigner.AllowedSkew);
    }

    private void Purge(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastPurgeTicks);
        if ((now.UtcTicks - last < TimeSpan.TicksPerSecond && _seen.Count < capacity)
            || Interlocked.CompareExchange(ref _lastPurgeTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        foreach (var (nonce, forgetAt) in _seen)
        {
            if (forgetAt < now)
            {
                _seen.TryRemove(nonce, out _);
            }
        }
    }
}
