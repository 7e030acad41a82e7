using System.Net;

namespace AiNow.Worker.Inference;

/// <summary>
/// Inference failed or answered with something the worker cannot use. The message is for the operator's log
/// (it may name the status and quote the body); what the tenant sees is decided from <see cref="IsTransient"/>
/// and <see cref="StatusCode"/>.
/// </summary>
public sealed class InferenceException : Exception
{
    public InferenceException()
    {
    }

    public InferenceException(string message)
        : base(message)
    {
    }

    public InferenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// True when inference could not be reached, timed out, had its circuit open or answered 429, 502, 503 or 504:
    /// it is unavailable for now, a later try may well succeed and the job is not to blame.
    /// </summary>
    public bool IsTransient { get; init; }

    /// <summary>The status inference answered with; null when it did not answer, or answered 2xx with an unusable body.</summary>
    public HttpStatusCode? StatusCode { get; init; }
}
