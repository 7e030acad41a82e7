namespace AiNow.IntegrationTests;

/// <summary>
/// The gateway counts each tenant's requests per clock minute, on the machine's clock. A check of that count must run
/// inside one minute: when a minute began during the run (the window reset in the middle of it), the run is
/// repeated once, from the start of a fresh minute, rather than loosening what it asserts.
/// </summary>
internal static class MinuteWindow
{
    public static async Task<T> RunWithinOneMinuteAsync<T>(Func<Task<T>> run)
    {
        var startedIn = MinuteOf(DateTimeOffset.UtcNow);
        var result = await run();
        if (MinuteOf(DateTimeOffset.UtcNow) == startedIn)
        {
            return result;
        }

        // A second into the next minute: every count of the interrupted run lies in an earlier window.
        var now = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(61 - now.Second) - TimeSpan.FromMilliseconds(now.Millisecond));
        startedIn = MinuteOf(DateTimeOffset.UtcNow);
        result = await run();
        Assert.True(MinuteOf(DateTimeOffset.UtcNow) == startedIn, "A run that started a second into a minute took more than a minute.");
        return result;
    }

    private static long MinuteOf(DateTimeOffset time) => time.ToUnixTimeSeconds() / 60;
}
