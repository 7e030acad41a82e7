namespace AiNow.Api.Embeddings;

/// <summary>
/// Inference could not produce an answer: unreachable or overloaded (503), or it answered something
/// unusable (502). Carries the status and the detail the client should see.
/// Only the chat path throws it; embeddings fail with <see cref="Contracts.Inference.InferenceCallException"/>, whose
/// message is never shown (see <see cref="EmbeddingFailureProblems"/>).
/// </summary>
public sealed class InferenceFailedException : Exception
{
    public InferenceFailedException()
    {
    }

    public InferenceFailedException(string message) : base(message)
    {
    }

    public InferenceFailedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public InferenceFailedException(int statusCode, string message, Exception? innerException = null)
        : base(message, innerException) => StatusCode = statusCode;

    /// <summary>502 or 503.</summary>
    public int StatusCode { get; } = StatusCodes.Status502BadGateway;

    /// <summary>Seconds a client is told to wait after a 503: long enough for a restarting replica to come back.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The problem response for the client; a 503 says when to retry.</summary>
    public IResult ToProblem(HttpResponse response, string title)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Http.Problems.Create(StatusCode, title, Message);
    }
}
