namespace AiNow.Data;

/// <summary>A tenant's usage totals, overall and per operation.</summary>
/// <param name="TenantId">The tenant the totals belong to.</param>
/// <param name="Requests">Requests recorded across all operations.</param>
/// <param name="Tokens">Tokens recorded across all operations.</param>
/// <param name="Operations">Totals per operation, ordered by operation name.</param>
public sealed record UsageSummary(Guid TenantId, long Requests, long Tokens, IReadOnlyList<OperationUsage> Operations);

/// <summary>Usage totals of one operation (for example <c>embeddings</c> or <c>batch</c>).</summary>
/// <param name="Operation">The operation name as recorded.</param>
/// <param name="Requests">Requests recorded for the operation.</param>
/// <param name="Tokens">Tokens recorded for the operation.</param>
public sealed record OperationUsage(string Operation, long Requests, long Tokens);

/// <summary>One charge to record: what a tenant used, under a key that makes a retried write count once.</summary>
/// <param name="TenantId">The tenant to charge.</param>
/// <param name="Operation">What was used, for example <c>embeddings</c>.</param>
/// <param name="Requests">Requests to add (zero or more).</param>
/// <param name="Tokens">Tokens to add (zero or more).</param>
/// <param name="IdempotencyKey">Identifies the charge across retries of the write.</param>
public sealed record UsageEvent(Guid TenantId, string Operation, int Requests, int Tokens, string IdempotencyKey);

/// <summary>A batch embedding job as stored.</summary>
/// <param name="Id">The job id.</param>
/// <param name="TenantId">The tenant that submitted the job.</param>
/// <param name="Model">The embedding model requested.</param>
/// <param name="Inputs">The texts to embed, in order; empty once retention has dropped them (see <paramref name="ExpiredAt"/>).</param>
/// <param name="Status">One of <see cref="BatchJobStatus"/>' values.</param>
/// <param name="Attempts">How many times the job has been claimed.</param>
/// <param name="MaxAttempts">Claims allowed before the job is marked failed.</param>
/// <param name="CreatedAt">When the job was enqueued.</param>
/// <param name="CompletedAt">When the job succeeded or finally failed; null while pending.</param>
/// <param name="LastError">The error of the last failed attempt, if any.</param>
/// <param name="Results">One vector per input, in input order, once succeeded; otherwise null (also once expired).</param>
/// <param name="TraceParent">The W3C <c>traceparent</c> of the request that queued the job, if it had one.</param>
/// <param name="InputCount">How many texts the job was submitted with; kept after retention drops the texts.</param>
/// <param name="ExpiredAt">When retention dropped the job's inputs and results; null while they are stored.</param>
public sealed record BatchJob(
    Guid Id,
    Guid TenantId,
    string Model,
    IReadOnlyList<string> Inputs,
    string Status,
    int Attempts,
    int MaxAttempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    string? LastError,
    IReadOnlyList<float[]>? Results,
    string? TraceParent = null,
    int InputCount = 0,
    DateTimeOffset? ExpiredAt = null)
{
    /// <summary>True once retention has dropped the job's inputs and results.</summary>
    public bool IsExpired => ExpiredAt is not null;
}

/// <summary>The values of <see cref="BatchJob.Status"/>.</summary>
public static class BatchJobStatus
{
    /// <summary>Waiting to be claimed (new, or retrying after a failed attempt).</summary>
    public const string Queued = "queued";

    /// <summary>Claimed by a worker holding a lease.</summary>
    public const string Running = "running";

    /// <summary>Finished; results are stored.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>Gave up after the maximum number of attempts.</summary>
    public const string Failed = "failed";
}

/// <summary>The batch queue as read at one moment.</summary>
/// <param name="Queued">Jobs waiting to be claimed (including those waiting out a retry delay).</param>
/// <param name="Running">Jobs a worker holds a lease on.</param>
/// <param name="OldestQueuedAge">How long the oldest waiting job has existed; zero when none waits.</param>
public sealed record QueueSnapshot(long Queued, long Running, TimeSpan OldestQueuedAge);

/// <summary>The most unfinished batch work one tenant may have at a time.</summary>
/// <param name="MaxPendingJobs">Most queued and running jobs.</param>
/// <param name="MaxPendingInputs">Most texts across the queued and running jobs.</param>
public sealed record BatchQuota(int MaxPendingJobs, int MaxPendingInputs);

/// <summary>A tenant's unfinished batch work, as counted when a job was refused for its quota.</summary>
/// <param name="PendingJobs">Queued and running jobs.</param>
/// <param name="PendingInputs">Texts across those jobs.</param>
public sealed record BatchQuotaUsage(long PendingJobs, long PendingInputs);

/// <summary>
/// What <see cref="BatchJobStore.TryEnqueueAsync"/> did: queued <see cref="Job"/>, or refused because the tenant's
/// unfinished work plus this job would pass its quota (<see cref="Usage"/> says what it had).
/// </summary>
/// <param name="Job">The queued job; null when refused.</param>
/// <param name="Usage">The tenant's unfinished work when refused; null when queued.</param>
public sealed record BatchEnqueueResult(BatchJob? Job, BatchQuotaUsage? Usage)
{
    /// <summary>True when the job was queued.</summary>
    public bool Queued => Job is not null;
}
