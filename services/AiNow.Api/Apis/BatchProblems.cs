using System.Globalization;
using AiNow.Api.Http;
using AiNow.Data;

namespace AiNow.Api.Apis;

/// <summary>The problems only the batch endpoints answer with: a tenant over its quota, and a job whose data expired.</summary>
internal static class BatchProblems
{
    /// <summary>
    /// Seconds a tenant over its quota is told to wait: short jobs finish within seconds, so a retry after half a
    /// minute usually finds room without polling hard.
    /// </summary>
    public const int QuotaRetryAfterSeconds = 30;

    /// <summary>429 with Retry-After: which limit the job would pass, what the tenant has unfinished, and what to do.</summary>
    public static IResult QuotaExceeded(HttpResponse response, BatchQuota quota, BatchQuotaUsage usage, int requestedInputs)
    {
        response.Headers.RetryAfter = QuotaRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var limit = usage.PendingJobs + 1 > quota.MaxPendingJobs
            ? string.Create(CultureInfo.InvariantCulture,
                $"at most {quota.MaxPendingJobs} batch jobs may be unfinished (queued or running) at a time, and this tenant has {usage.PendingJobs}")
            : string.Create(CultureInfo.InvariantCulture,
                $"at most {quota.MaxPendingInputs} texts may be in unfinished (queued or running) batch jobs at a time; this tenant has {usage.PendingInputs} and this job adds {requestedInputs}");
        return Problems.Create(
            StatusCodes.Status429TooManyRequests,
            "Batch quota exceeded",
            $"The batch job was not queued: {limit}. Wait for queued jobs to finish (GET /v1/batches/{{id}} shows their status) " +
            $"and submit it again, no sooner than the Retry-After header says.");
    }

    /// <summary>410: the job finished long enough ago that its inputs and results were deleted.</summary>
    public static IResult Expired(BatchJob job)
    {
        var error = job.LastError is null ? "" : $", error '{job.LastError}'";
        return Problems.Create(
            StatusCodes.Status410Gone,
            "Batch results expired",
            string.Create(CultureInfo.InvariantCulture,
                $"Batch job '{job.Id}' {job.Status} at {job.CompletedAt:O} ({job.InputCount} texts{error}); " +
                $"its inputs and results were deleted at {job.ExpiredAt:O}, as they are for every finished job after the retention period. ") +
            "Submit the texts again (POST /v1/batches) to get their embeddings, and read a job's results soon after it succeeds.");
    }
}
