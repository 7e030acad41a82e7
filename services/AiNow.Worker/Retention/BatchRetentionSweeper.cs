using AiNow.Data;
using AiNow.Worker.Options;
using AiNow.Worker.Processing;
using Microsoft.Extensions.Options;

namespace AiNow.Worker.Retention;

/// <summary>
/// Every <see cref="WorkerOptions.RetentionSweepMinutes"/>, deletes the inputs and results of batch jobs that finished
/// more than <see cref="WorkerOptions.BatchRetentionHours"/> ago (the job rows and usage stay). Each sweep works in
/// rounds of <see cref="RoundSize"/> jobs and stops after <see cref="MaxRoundsPerSweep"/>, so a large backlog is worked
/// off over several sweeps in short statements instead of one long one. Replicas may sweep at the same time: rows
/// one is expiring are skipped by the others.
/// </summary>
internal sealed partial class BatchRetentionSweeper(
    BatchJobRetention retention,
    IOptions<WorkerOptions> options,
    TimeProvider timeProvider,
    ILogger<BatchRetentionSweeper> logger) : BackgroundService
{
    /// <summary>Jobs expired per statement.</summary>
    public const int RoundSize = 500;

    /// <summary>Rounds per sweep; at most this times <see cref="RoundSize"/> jobs are expired per sweep.</summary>
    public const int MaxRoundsPerSweep = 20;

    /// <summary>Expires what is due now, in bounded rounds.</summary>
    /// <returns>How many jobs were expired.</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var total = 0;
        for (var round = 0; round < MaxRoundsPerSweep; round++)
        {
            var expired = await retention.ExpireFinishedAsync(timeProvider.GetUtcNow(), settings.BatchRetention, RoundSize, cancellationToken);
            total += expired;
            if (expired < RoundSize)
            {
                break;
            }
        }

        return total;
    }

    // Nothing is lost by a missed sweep: the next one finds the same jobs.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicWork.RunAsync(
        options.Value.RetentionSweepInterval,
        timeProvider,
        async cancellationToken =>
        {
            var expired = await SweepAsync(cancellationToken);
            if (expired > 0)
            {
                LogExpired(logger, expired, options.Value.BatchRetentionHours);
            }
        },
        exception => LogSweepFailed(logger, exception),
        stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted the inputs and results of {Count} batch jobs finished more than {RetentionHours} hours ago.")]
    private static partial void LogExpired(ILogger logger, int count, int retentionHours);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete expired batch inputs and results; the next sweep tries again.")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
