namespace AiNow.Api.Embeddings;

/// <summary>
/// Inference could not produce an answer: unreachable or overloaded (503), or it answered something
/// unusable (502). Carries the status and the detail the client should see.
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
}
