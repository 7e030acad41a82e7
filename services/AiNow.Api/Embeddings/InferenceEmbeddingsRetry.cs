using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace AiNow.Api.Embeddings;

/// <summary>
/// Which failed attempts at inference's embeddings the api tries once more: no connection, an attempt that timed out,
/// or a 503 (a replica restarting or shedding load). Not a 500 or other error status: that is a fault, and a second
/// try only doubles the load and the tenant's wait for the same answer. Embeddings are idempotent, so a retry never
/// charges twice.
/// </summary>
public static class InferenceEmbeddingsRetry
{
    /// <summary>For <c>HttpRetryStrategyOptions.ShouldHandle</c>.</summary>
    public static ValueTask<bool> ShouldHandle(RetryPredicateArguments<HttpResponseMessage> arguments) =>
        ValueTask.FromResult(IsRetryable(arguments.Outcome));

    public static bool IsRetryable(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Exception: null, Result.StatusCode: HttpStatusCode.ServiceUnavailable } => true,
        _ => false,
    };
}
