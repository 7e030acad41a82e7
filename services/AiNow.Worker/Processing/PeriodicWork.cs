namespace AiNow.Worker.Processing;

/// <summary>
/// Runs a piece of background work at once and then on every tick until the host stops. A failed run is reported
/// and the loop goes on (the next tick tries again); only the host's stopping ends it.
/// </summary>
internal static class PeriodicWork
{
    public static async Task RunAsync(
        TimeSpan interval, TimeProvider timeProvider, Func<CancellationToken, Task> work, Action<Exception> failed, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, timeProvider);
        do
        {
            try
            {
                await work(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                failed(exception);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
