using AiNow.Data;
using AiNow.Worker.Options;
using Microsoft.Extensions.Options;

namespace AiNow.Worker.Processing;

/// <summary>
/// Claims jobs one at a time and hands them to <see cref="BatchJobProcessor"/>; waits
/// <see cref="WorkerOptions.PollMilliseconds"/> when the queue is empty, longer while the database is unreachable or
/// jobs are being deferred. Claims nothing once the worker is stopping.
/// </summary>
internal sealed partial class BatchJobPoller(
    BatchJobStore store,
    IServiceScopeFactory scopeFactory,
    WorkerIdentity identity,
    IOptions<WorkerOptions> options,
    TimeProvider timeProvider,
    ILogger<BatchJobPoller> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoffDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        LogStarting(logger, identity.Id, settings.LeaseSeconds, settings.PollMilliseconds, settings.ChunkSize);

        var consecutiveSetbacks = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            BatchJob? job = null;
            try
            {
                job = await store.ClaimNextAsync(identity.Id, settings.Lease, stoppingToken);
                if (job is null)
                {
                    consecutiveSetbacks = 0;
                    await Task.Delay(settings.PollInterval, timeProvider, stoppingToken);
                    continue;
                }

                // A scope per job, so the typed inference HttpClient is fresh and its handler rotates as designed.
                await using var scope = scopeFactory.CreateAsyncScope();
                var outcome = await scope.ServiceProvider.GetRequiredService<BatchJobProcessor>().ProcessAsync(job, stoppingToken);
                if (outcome != JobOutcome.Deferred)
                {
                    consecutiveSetbacks = 0;
                    continue;
                }

                // Inference or the database is unavailable: the next job claimed now would only be deferred as well.
                consecutiveSetbacks++;
                await Task.Delay(BackoffDelay(settings.PollInterval, consecutiveSetbacks), timeProvider, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // Typically the database is down or not migrated yet; back off so the log is not flooded.
                consecutiveSetbacks++;
                var delay = BackoffDelay(settings.PollInterval, consecutiveSetbacks);
                if (job is null)
                {
                    LogClaimFailed(logger, exception, consecutiveSetbacks, delay.TotalSeconds);
                }
                else
                {
                    LogProcessFailed(logger, exception, job.Id, consecutiveSetbacks, delay.TotalSeconds);
                }

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

    /// <summary>
    /// The poll interval doubled per consecutive setback (an error, or a job deferred because a dependency is
    /// unavailable), at most <see cref="MaxBackoffDelay"/>.
    /// </summary>
    internal static TimeSpan BackoffDelay(TimeSpan pollInterval, int consecutiveSetbacks)
    {
        var delay = pollInterval * Math.Pow(2, Math.Min(consecutiveSetbacks - 1, 10));
        return delay < MaxBackoffDelay ? delay : MaxBackoffDelay;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch worker {WorkerId} polling (lease {LeaseSeconds} s, poll {PollMilliseconds} ms, chunk size {ChunkSize}; each job carries its own attempt limit).")]
    private static partial void LogStarting(ILogger logger, string workerId, int leaseSeconds, int pollMilliseconds, int chunkSize);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not claim a batch job ({ConsecutiveSetbacks} setback(s) in a row); retrying in {DelaySeconds:F1} s.")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception, int consecutiveSetbacks, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Processing batch job {JobId} failed before its outcome was stored; the job is taken over once its lease runs out ({ConsecutiveSetbacks} setback(s) in a row; next claim in {DelaySeconds:F1} s).")]
    private static partial void LogProcessFailed(ILogger logger, Exception exception, Guid jobId, int consecutiveSetbacks, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch worker {WorkerId} stopped; any job in progress was given back to the queue.")]
    private static partial void LogStopped(ILogger logger, string workerId);
}
