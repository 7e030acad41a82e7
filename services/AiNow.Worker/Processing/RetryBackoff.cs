namespace AiNow.Worker.Processing;

/// <summary>How long a job waits after a failed or deferred attempt before it may be claimed again.</summary>
internal static class RetryBackoff
{
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan DeferredDelay = TimeSpan.FromSeconds(10);

    /// <summary>
    /// After a failed attempt: exponential, 2^<paramref name="attempt"/> seconds, capped at <see cref="MaxDelay"/>,
    /// with equal jitter.
    /// </summary>
    /// <param name="attempt">The attempt that failed, 1 for the first.</param>
    /// <param name="jitterSample">A random number in [0, 1), e.g. <see cref="Random.NextDouble"/>.</param>
    public static TimeSpan Delay(int attempt, double jitterSample)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);

        // Beyond 2^6 = 64 s the cap applies anyway; stopping there also keeps Math.Pow far from overflow.
        var exponential = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(attempt, 6)));
        return WithEqualJitter(exponential < MaxDelay ? exponential : MaxDelay, jitterSample);
    }

    /// <summary>
    /// After an attempt deferred because inference or the database was unavailable: <see cref="DeferredDelay"/> with
    /// equal jitter, so 5 to 10 s. A deferral gives its attempt back, so there is no count to grow an exponential
    /// from; the poller pauses longer and longer between deferrals instead, which keeps a long outage from cycling
    /// through the queue.
    /// </summary>
    /// <param name="jitterSample">A random number in [0, 1), e.g. <see cref="Random.NextDouble"/>.</param>
    public static TimeSpan Deferred(double jitterSample) => WithEqualJitter(DeferredDelay, jitterSample);

    /// <summary>
    /// "Equal jitter": half of <paramref name="delay"/> fixed, half scaled by <paramref name="jitterSample"/>, so jobs
    /// that failed together (inference down) do not all come back in the same second.
    /// </summary>
    private static TimeSpan WithEqualJitter(TimeSpan delay, double jitterSample)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(jitterSample, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(jitterSample, 1.0);
        return delay / 2 + delay / 2 * jitterSample;
    }
}
