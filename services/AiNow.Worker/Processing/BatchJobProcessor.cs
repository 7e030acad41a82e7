using System.Diagnostics;
using AiNow.Contracts.Telemetry;
using AiNow.Data;
using AiNow.ServiceDefaults.Telemetry;
using AiNow.Worker.Inference;
using AiNow.Worker.Options;
using Microsoft.Extensions.Options;

namespace AiNow.Worker.Processing;

/// <summary>
/// Processes one claimed job: embeds its inputs chunk by chunk, keeping the lease alive throughout (a heartbeat, and a
/// renewal between chunks that stops at once when the lease is gone), then completes it
/// (results and usage in one transaction). A failed attempt goes back to the queue with a backoff.
/// </summary>
internal sealed partial class BatchJobProcessor(
    BatchJobStore store,
    InferenceClient inference,
    WorkerIdentity identity,
    IOptions<WorkerOptions> options,
    WorkerMetrics metrics,
    TimeProvider timeProvider,
    ILogger<BatchJobProcessor> logger)
{
    /// <summary>The name of the span of one attempt at a job.</summary>
    public const string ProcessSpanName = "batch.job process";

    private const string JobIdAttribute = "ainow.batch.job_id";
    private const string AttemptAttribute = "ainow.batch.attempt";

    /// <summary>Processes <paramref name="job"/>, which this worker has just claimed.</summary>
    /// <exception cref="OperationCanceledException">The worker is stopping; the lease runs out and another worker takes the job.</exception>
    public async Task<JobOutcome> ProcessAsync(BatchJob job, CancellationToken cancellationToken)
    {
        // The processing continues the trace of the request that queued the job; its inference calls and
        // store writes become children of this span.
        using var activity = AiNowActivities.StartContinuing(ProcessSpanName, ActivityKind.Consumer, job.TraceParent);
        activity?.SetTag(JobIdAttribute, job.Id.ToString("D"));
        activity?.SetTag(AttemptAttribute, job.Attempts);
        using var scope = logger.BeginScope(TenantLogScope.For(job.TenantId));

        var started = timeProvider.GetTimestamp();
        var outcome = await RunAttemptAsync(job, cancellationToken);
        metrics.Record(outcome, timeProvider.GetElapsedTime(started));
        activity?.SetTag(AiNowMetrics.OutcomeTag, WorkerMetrics.OutcomeName(outcome));
        if (outcome != JobOutcome.Completed)
        {
            activity?.SetStatus(ActivityStatusCode.Error);
        }

        return outcome;
    }


    private async Task<JobOutcome> RunAttemptAsync(BatchJob job, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        LogStarted(logger, job.Id, job.Attempts, job.MaxAttempts, job.Inputs.Count);
        await using var heartbeat = new LeaseHeartbeat(store, job.Id, identity.Id, settings.Lease, timeProvider, cancellationToken);
        try
        {
            var chunks = InputChunks.Split(job.Inputs, settings.ChunkSize);
            var vectors = new List<float[]>(job.Inputs.Count);
            var tokens = 0;
            for (var i = 0; i < chunks.Count; i++)
            {
                var embedded = await inference.EmbedAsync(job.Model, chunks[i], heartbeat.Token);
                vectors.AddRange(embedded.Vectors);
                tokens = checked(tokens + embedded.Tokens);

                var moreToDo = i < chunks.Count - 1;
                if (moreToDo && !await store.RenewLeaseAsync(job.Id, identity.Id, settings.Lease, cancellationToken))
                {
                    LogLeaseLost(logger, job.Id);
                    return JobOutcome.LeaseLost;
                }
            }

            if (!await store.CompleteAsync(job.Id, identity.Id, vectors, tokens, cancellationToken))
            {
                LogLeaseLost(logger, job.Id);
                return JobOutcome.LeaseLost;
            }

            LogCompleted(logger, job.Id, job.Inputs.Count, tokens);
            metrics.Charged(job.TenantId, tokens);
            return JobOutcome.Completed;
        }
        catch (OperationCanceledException) when (heartbeat.LeaseLost && !cancellationToken.IsCancellationRequested)
        {
            LogLeaseLost(logger, job.Id);
            return JobOutcome.LeaseLost;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return await FailAttemptAsync(job, exception, cancellationToken);
        }
    }

    private async Task<JobOutcome> FailAttemptAsync(BatchJob job, Exception exception, CancellationToken cancellationToken)
    {
        var delay = RetryBackoff.Delay(job.Attempts, Random.Shared.NextDouble());
        var error = exception is InferenceException ? exception.Message : $"{exception.GetType().Name}: {exception.Message}";
        if (!await store.FailAttemptAsync(job.Id, identity.Id, error, delay, cancellationToken))
        {
            LogLeaseLost(logger, job.Id);
            return JobOutcome.LeaseLost;
        }

        if (job.Attempts >= job.MaxAttempts)
        {
            LogFailed(logger, exception, job.Id, job.Attempts, error);
            return JobOutcome.Failed;
        }

        LogRetrying(logger, exception, job.Id, job.Attempts, job.MaxAttempts, delay.TotalSeconds, error);
        return JobOutcome.Retrying;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Processing batch job {JobId} (attempt {Attempt} of {MaxAttempts}, {InputCount} inputs).")]
    private static partial void LogStarted(ILogger logger, Guid jobId, int attempt, int maxAttempts, int inputCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch job {JobId} succeeded: {InputCount} vectors, {Tokens} tokens.")]
    private static partial void LogCompleted(ILogger logger, Guid jobId, int inputCount, int tokens);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch job {JobId} attempt {Attempt} of {MaxAttempts} failed; retrying in {DelaySeconds:F1} s: {Error}")]
    private static partial void LogRetrying(ILogger logger, Exception exception, Guid jobId, int attempt, int maxAttempts, double delaySeconds, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Batch job {JobId} failed for good after {Attempts} attempts: {Error}")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid jobId, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the lease on batch job {JobId} (another worker took it over); abandoning this attempt without storing anything.")]
    private static partial void LogLeaseLost(ILogger logger, Guid jobId);
}
