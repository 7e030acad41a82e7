using AiNow.Contracts.Inference;
using AiNow.Data;
using Npgsql;

namespace AiNow.Worker.Processing;

/// <summary>
/// What a failed attempt means for its job: the error its tenant sees, and whether the attempt counts against the
/// job's limit. An outage of what the job depends on (inference, the database) does not count: the job waits it out
/// however long it lasts. Everything else does, so a job that cannot succeed still ends.
/// </summary>
/// <param name="Error">One of <see cref="BatchJobErrors"/>; never the exception's own text.</param>
/// <param name="CountsAsAttempt">False when the job goes back to the queue with its attempt given back.</param>
/// <param name="ForGood">True when every attempt would fail the same way (the job's own input is at fault): the job fails now.</param>
internal sealed record AttemptFailure(string Error, bool CountsAsAttempt, bool ForGood = false)
{
    public static AttemptFailure Of(Exception exception) => exception switch
    {
        InferenceCallException { Kind: InferenceFailureKind.InputTooLong, InputIndex: { } index } =>
            new(BatchJobErrors.InputTooLong(index), CountsAsAttempt: true, ForGood: true),
        InferenceCallException { Kind: InferenceFailureKind.Unavailable } => new(BatchJobErrors.InferenceUnavailable, CountsAsAttempt: false),
        InferenceCallException { Kind: InferenceFailureKind.Failed } => new(BatchJobErrors.InferenceError, CountsAsAttempt: true),
        InferenceCallException { Kind: InferenceFailureKind.InvalidResponse } => new(BatchJobErrors.InvalidInferenceResponse, CountsAsAttempt: true),

        // Connection loss, failover, too many connections, serialization failures: the database's own word on what
        // may succeed when tried again.
        NpgsqlException { IsTransient: true } => new(BatchJobErrors.StoreUnavailable, CountsAsAttempt: false),
        _ => new(BatchJobErrors.InternalError, CountsAsAttempt: true),
    };
}
