using System.Diagnostics;
using AiNow.Contracts;
using AiNow.Contracts.Inference;
using AiNow.Contracts.Telemetry;
using AiNow.Data;
using AiNow.ServiceDefaults.Telemetry;
using AiNow.Worker.Options;
using Microsoft.Extensions.Options;

namespace AiNow.Worker.Processing;

/// <summary>
/// Processes one claimed job: embeds its inputs chunk by chunk, keeping the lease alive throughout (a heartbeat, and a
/// renewal between chunks that stops at once when the lease is gone), then completes it
/// (results and usage in one transaction). A failed attempt goes back to the queue with a backoff, or, when inference
/// or the database was unavailable, is deferred with its attempt given back (<see cref="AttemptFailure"/>). A worker
/// that stops gives its job back to the queue at once.
/// </summary>
internal sealed partial class BatchJobProcessor(
    BatchJobStore store,
    InferenceEmbeddingsClient inference,
    WorkerIdentity identity,
    IOptions<WorkerOptions> options,
    WorkerMetrics metrics,
    TimeProvider timeProvider,
    ILogger<BatchJobProcessor> logger)
{
    /// <summary>The name of the span of one attempt at a job.</summary>
    public const string ProcessSpanName = "batch.job process";

    /// <summary>
    /// How long the write that ends an attempt (failed, deferred or given back) may take. It does not use the worker's
    /// stopping token, which is already cancelled when a stop gives the job back; bounded, so a hung database cannot
    /// hold up a shutdown. A write that does not happen leaves the job to its lease.
    /// </summary>
    private static readonly TimeSpan EndOfAttemptWriteTimeout = TimeSpan.FromSeconds(5);

    private const string JobIdAttribute = "ainow.batch.job_id";
    private const string AttemptAttribute = "ainow.batch.attempt";

    /// <summary>Processes <paramref name="job"/>, which this worker has just claimed.</summary>
    /// <exception cref="OperationCanceledException">
    /// The worker is stopping; the job has been given back to the queue, due at once and with its attempt given back
    /// (or, when even that write failed, is left to its lease).
    /// </exception>
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
        await using var heartbeat = new LeaseHeartbeat(
            renewal => store.RenewLeaseAsync(job.Id, identity.Id, settings.Lease, renewal), settings.Lease, timeProvider, cancellationToken);
        try
        {
            var chunks = InputChunks.Split(job.Inputs, settings.ChunkSize);
            var vectors = new List<float[]>(job.Inputs.Count);
            var tokens = 0;
            for (var i = 0; i < chunks.Count; i++)
            {
                var embedded = await EmbedChunkAsync(job.Model, chunks[i], offset: vectors.Count, heartbeat.Token);
                vectors.AddRange(embedded.Data.Select(item => item.Embedding));
                tokens = checked(tokens + embedded.Usage.TotalTokens);

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
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await GiveBackOnStopAsync(job);
            throw;
        }
        catch (Exception exception)
        {
            // A database error while completing lands here too: this attempt's vectors are dropped and the job is
            // deferred (a transient error) or retried, so the work is redone rather than lost.
            var failure = AttemptFailure.Of(exception);
            return failure.CountsAsAttempt
                ? await FailAttemptAsync(job, failure, exception)
                : await DeferAsync(job, failure, exception);
        }
    }

    /// <summary>Embeds one chunk; a text inference refuses is named by its place in the whole job, as its tenant knows it.</summary>
    private async Task<EmbeddingResponse> EmbedChunkAsync(string model, string[] chunk, int offset, CancellationToken cancellationToken)
    {
        try
        {
            return await inference.EmbedAsync(model, chunk, cancellationToken);
        }
        catch (InferenceCallException refused) when (refused is { Kind: InferenceFailureKind.InputTooLong, InputIndex: { } index })
        {
            throw new InferenceCallException(InferenceFailureKind.InputTooLong, refused.Message, refused)
            {
                StatusCode = refused.StatusCode,
                InputIndex = offset + index,
            };
        }
    }

    private async Task<JobOutcome> FailAttemptAsync(BatchJob job, AttemptFailure failure, Exception exception)
    {
        var delay = RetryBackoff.Delay(job.Attempts, Random.Shared.NextDouble());
        using var write = EndOfAttemptWrite();
        var written = failure.ForGood
            ? await store.FailForGoodAsync(job.Id, identity.Id, failure.Error, write.Token)
            : await store.FailAttemptAsync(job.Id, identity.Id, failure.Error, delay, write.Token);
        if (!written)
        {
            LogLeaseLost(logger, job.Id);
            return JobOutcome.LeaseLost;
        }

        if (failure.ForGood || job.Attempts >= job.MaxAttempts)
        {
            LogFailed(logger, exception, job.Id, job.Attempts, failure.Error);
            return JobOutcome.Failed;
        }

        LogRetrying(logger, exception, job.Id, job.Attempts, job.MaxAttempts, delay.TotalSeconds, failure.Error);
        return JobOutcome.Retrying;
    }

    private async Task<JobOutcome> DeferAsync(BatchJob job, AttemptFailure failure, Exception exception)
    {
        var delay = RetryBackoff.Deferred(Random.Shared.NextDouble());
        using var write = EndOfAttemptWrite();
        if (!await store.ReleaseAsync(job.Id, identity.Id, delay, failure.Error, write.Token))
        {
            LogLeaseLost(logger, job.Id);
            return JobOutcome.LeaseLost;
        }

        LogDeferred(logger, exception, job.Id, job.Attempts, delay.TotalSeconds, failure.Error);
        return JobOutcome.Deferred;
    }

    /// <summary>The worker is stopping: the job goes back to the queue now rather than wait out its lease.</summary>
    private async Task GiveBackOnStopAsync(BatchJob job)
    {
        try
        {
            using var write = EndOfAttemptWrite();
            if (await store.ReleaseAsync(job.Id, identity.Id, TimeSpan.Zero, error: null, write.Token))
            {
                LogGivenBack(logger, job.Id);
            }
            else
            {
                LogLeaseLost(logger, job.Id);
            }
        }
        catch (Exception exception)
        {
            // The stop goes on regardless: the lease runs out and another worker takes the job over.
            LogGiveBackFailed(logger, exception, job.Id);
        }
    }

    private CancellationTokenSource EndOfAttemptWrite() => new(EndOfAttemptWriteTimeout, timeProvider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Processing batch job {JobId} (attempt {Attempt} of {MaxAttempts}, {InputCount} inputs).")]
    private static partial void LogStarted(ILogger logger, Guid jobId, int attempt, int maxAttempts, int inputCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch job {JobId} succeeded: {InputCount} vectors, {Tokens} tokens.")]
    private static partial void LogCompleted(ILogger logger, Guid jobId, int inputCount, int tokens);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch job {JobId} attempt {Attempt} of {MaxAttempts} failed; retrying in {DelaySeconds:F1} s: {Error}")]
    private static partial void LogRetrying(ILogger logger, Exception exception, Guid jobId, int attempt, int maxAttempts, double delaySeconds, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Batch job {JobId} failed for good after {Attempts} attempts: {Error}")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid jobId, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch job {JobId} attempt {Attempt} deferred, not counted, due again in {DelaySeconds:F1} s: {Error}")]
    private static partial void LogDeferred(ILogger logger, Exception exception, Guid jobId, int attempt, double delaySeconds, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker stopping: batch job {JobId} given back to the queue, due at once and its attempt not counted.")]
    private static partial void LogGivenBack(ILogger logger, Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker stopping: could not give batch job {JobId} back to the queue; it is taken over once its lease runs out.")]
    private static partial void LogGiveBackFailed(ILogger logger, Exception exception, Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch job {JobId} is no longer this worker's (its lease ran out and another worker took it over, or it is already finished); abandoning this attempt without storing anything.")]
    private static partial void LogLeaseLost(ILogger logger, Guid jobId);
}
