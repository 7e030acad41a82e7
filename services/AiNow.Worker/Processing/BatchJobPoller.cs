using AiNow.Data;
using AiNow.Worker.Options;
using Microsoft.Extensions.Options;

namespace AiNow.Worker.Processing;

/// <summary>
/// Claims jobs one at a time and hands them to <see cref="BatchJobProcessor"/>; waits
/// <see cref="WorkerOptions.PollMilliseconds"/> when the queue is empty, longer while the database is unreachable.
/// </summary>
internal sealed partial class BatchJobPoller(
    BatchJobStore store,
    IServiceScopeFactory scopeFactory,
    WorkerIdentity identity,
    IOptions<WorkerOptions> options,
    TimeProvider timeProvider,
    ILogger<BatchJobPoller> logger) : BackgroundService
{
    private static readonly TimeSpan MaxErrorDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        LogStarting(logger, identity.Id, settings.LeaseSeconds, settings.PollMilliseconds, settings.ChunkSize);

        var consecutiveErrors = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var job = await store.ClaimNextAsync(identity.Id, settings.Lease, stoppingToken);
                consecutiveErrors = 0;
                if (job is null)
                {
                    await Task.Delay(settings.PollInterval, timeProvider, stoppingToken);
                    continue;
                }

                // A scope per job, so the typed inference HttpClient is fresh and its handler rotates as designed.
                await using var scope = scopeFactory.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<BatchJobProcessor>().ProcessAsync(job, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // Typically the database is down or not migrated yet; back off so the log is not flooded.
                consecutiveErrors++;
                var delay = ErrorDelay(settings.PollInterval, consecutiveErrors);
                LogPollFailed(logger, exception, consecutiveErrors, delay.TotalSeconds);
                try
                {
                    await Task.Delay(delay, timeProvider, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        LogStopped(logger, identity.Id);
    }

    /// <summary>The poll interval doubled per consecutive error, at most <see cref="MaxErrorDelay"/>.</summary>
    internal static TimeSpan ErrorDelay(TimeSpan pollInterval, int consecutiveErrors)
    {
        var delay = pollInterval * Math.Pow(2, Math.Min(consecutiveErrors - 1, 10));
        return delay < MaxErrorDelay ? delay : MaxErrorDelay;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch worker {WorkerId} polling (lease {LeaseSeconds} s, poll {PollMilliseconds} ms, chunk size {ChunkSize}; each job carries its own attempt limit).")]
    private static partial void LogStarting(ILogger logger, string workerId, int leaseSeconds, int pollMilliseconds, int chunkSize);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not claim or process a batch job ({ConsecutiveErrors} error(s) in a row); retrying in {DelaySeconds:F1} s.")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, int consecutiveErrors, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch worker {WorkerId} stopped; a job in progress is left to its lease and will be taken over.")]
    private static partial void LogStopped(ILogger logger, string workerId);
}
