namespace AiNow.Worker.Processing;

/// <summary>How processing one claimed job ended.</summary>
internal enum JobOutcome
{
    /// <summary>Results stored and usage recorded.</summary>
    Completed,

    /// <summary>The attempt failed; the job is queued again after a backoff.</summary>
    Retrying,

    /// <summary>
    /// Inference or the database was unavailable; the job is queued again after a short delay with its attempt given
    /// back, so an outage never uses up a job's attempts.
    /// </summary>
    Deferred,

    /// <summary>The attempt failed and it was the job's last; the job is failed for good.</summary>
    Failed,

    /// <summary>Another worker owns the job now (this worker's lease expired); nothing of this attempt was stored.</summary>
    LeaseLost,
}
