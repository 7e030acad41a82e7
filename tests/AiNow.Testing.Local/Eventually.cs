using Xunit;

namespace AiNow.Testing;

/// <summary>
/// The one wait for something another thread does (a background loop, a timer started on a controlled clock): polls on
/// the real clock and fails the test, naming what it waited for, when it has not happened within 30 seconds.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>Waits until <paramref name="condition"/> holds; <paramref name="what"/> names it in the failure.</summary>
    public static async Task HoldsAsync(Func<bool> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {Limit.TotalSeconds:0} s: {what}");
            await Task.Delay(5);
        }
    }
}
