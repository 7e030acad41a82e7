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
    // The gauges keep their last reading when a read fails; the store's own health check and logs say why.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicWork.RunAsync(
        options.Value.QueueSampleInterval,
        timeProvider,
        async cancellationToken => metrics.QueueRead(await store.ReadQueueAsync(cancellationToken)),
        exception => LogReadFailed(logger, exception),
        stoppingToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the batch queue for its gauges.")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
