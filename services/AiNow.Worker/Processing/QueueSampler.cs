using AiNow.Data;
using AiNow.Worker.Options;
using Microsoft.Extensions.Options;

namespace AiNow.Worker.Processing;

/// <summary>
/// Reads the queue's depth and oldest waiting job every <see cref="WorkerOptions.QueueSampleSeconds"/> for the
/// queue gauges. Every worker replica reports the same queue, so dashboards and alerts take the maximum
/// across replicas, never the sum.
/// </summary>
internal sealed partial class QueueSampler(
    BatchJobStore store,
    WorkerMetrics metrics,
    IOptions<WorkerOptions> options,
    TimeProvider timeProvider,
    ILogger<QueueSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.QueueSampleInterval, timeProvider);
        do
        {
            try
            {
                metrics.QueueRead(await store.ReadQueueAsync(stoppingToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The gauges keep their last reading; the store's own health check and logs say why.
                LogReadFailed(logger, exception);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the batch queue for its gauges.")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
