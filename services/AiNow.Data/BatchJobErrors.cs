namespace AiNow.Data;

/// <summary>
/// Every error a batch job can show as <see cref="BatchJob.LastError"/>, which its tenant reads through
/// <c>GET /v1/batches/{id}</c>: a stable code, a colon and one sentence. Tenants may match on the code, and
/// nothing internal (exception types or messages, upstream hosts or bodies) reaches them; the worker's logs
/// keep the full exception for operators.
/// </summary>
public static class BatchJobErrors
{
    /// <summary>Inference could not be reached, timed out, was shedding load or answered 429, 502, 503 or 504.</summary>
    public const string InferenceUnavailable =
        "embedding_unavailable: Embeddings were unavailable for a moment; the job will be retried.";

    /// <summary>The job store could not be written for a moment (a transient database error).</summary>
    public const string StoreUnavailable =
        "store_unavailable: The job's progress could not be saved for a moment; the job will be retried.";

    /// <summary>Inference answered 2xx with a body that is not one embedding per input.</summary>
    public const string InvalidInferenceResponse =
        "invalid_embedding_response: Embeddings came back in a form that does not fit the job's inputs.";

    /// <summary>Anything else; the worker's log says what.</summary>
    public const string InternalError =
        "internal_error: The job could not be processed.";

    /// <summary>The worker holding the last allowed attempt stopped responding (killed, frozen) and its lease ran out.</summary>
    public const string LeaseExpiredOnLastAttempt =
        "lease_expired: The job's last allowed attempt did not finish because its worker stopped responding.";

    /// <summary>
    /// Inference answered an error status that is not worth waiting out (for example 400 or 500). The status is
    /// internal (a hop the tenant never called), so it stays in the worker's log.
    /// </summary>
    public const string InferenceError =
        "embedding_failed: Embeddings could not be computed for this job.";

    /// <summary>A text of the job is longer than the model reads; every attempt would meet it, so the job fails at once.</summary>
    public static string InputTooLong(int index) => $"{Contracts.Inference.InputTooLong.Code}: {Contracts.Inference.InputTooLong.Detail(index)}";
}
