namespace AiNow.Worker.Processing;

/// <summary>How long a job waits after a failed attempt before it may be claimed again.</summary>
internal static class RetryBackoff
{
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Exponential: 2^<paramref name="attempt"/> seconds, capped at <see cref="MaxDelay"/>, with "equal jitter" —
    /// half of it fixed, half scaled by <paramref name="jitterSample"/> in [0, 1) — so jobs that failed together
    /// (inference down) do not all come back in the same second.
    /// </summary>
    /// <param name="attempt">The attempt that failed, 1 for the first.</param>
    /// <param name="jitterSample">A random number in [0, 1), e.g. <see cref="Random.NextDouble"/>.</param>
    public static TimeSpan Delay(int attempt, double jitterSample)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(jitterSample, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(jitterSample, 1.0);

        // Beyond 2^6 = 64 s the cap applies anyway; stopping there also keeps Math.Pow far from overflow.
        var exponential = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(attempt, 6)));
        var capped = exponential < MaxDelay ? exponential : MaxDelay;
        return capped / 2 + capped / 2 * jitterSample;
    }
}
