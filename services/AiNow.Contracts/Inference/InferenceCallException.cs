using System.Net;

namespace AiNow.Contracts.Inference;

/// <summary>
/// A call to inference gave no usable answer. The message is for the operator's log (it may name the status and
/// quote the body); it must never be shown to a tenant, who gets a neutral text chosen from <see cref="Kind"/>.
/// </summary>
public sealed class InferenceCallException : Exception
{
    public InferenceCallException()
    {
    }

    public InferenceCallException(string message)
        : base(message)
    {
    }

    public InferenceCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InferenceCallException(InferenceFailureKind kind, string message, Exception? innerException = null)
        : base(message, innerException) => Kind = kind;

    /// <summary>What went wrong; <see cref="InferenceFailureKind.Failed"/> unless the client said otherwise.</summary>
    public InferenceFailureKind Kind { get; } = InferenceFailureKind.Failed;

    /// <summary>The error status inference answered with; null when it did not answer, or answered 2xx unusably.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>For <see cref="InferenceFailureKind.InputTooLong"/>: the position of the text, among those sent, that is too long.</summary>
    public int? InputIndex { get; init; }

    /// <summary>True for <see cref="InferenceFailureKind.Unavailable"/>: waiting and trying again may succeed.</summary>
    public bool IsTransient => Kind == InferenceFailureKind.Unavailable;
}
