namespace AiNow.Contracts.Inference;

/// <summary>Why a call to inference gave no usable answer; callers decide what their own callers see from it.</summary>
public enum InferenceFailureKind
{
    /// <summary>
    /// Inference could not be reached, timed out, had its circuit open, or answered 429, 502, 503 or 504:
    /// unavailable for now, and a later try may well succeed.
    /// </summary>
    Unavailable,

    /// <summary>
    /// One of the texts is longer than the model reads (<see cref="EmbeddingModel.MaxTokensPerInput"/>): the request
    /// cannot succeed as sent, and the caller's own caller must shorten that text (<see cref="InferenceCallException.InputIndex"/>).
    /// </summary>
    InputTooLong,

    /// <summary>Inference answered another error status (400, 500, ...): trying again the same way will not help.</summary>
    Failed,

    /// <summary>Inference answered 2xx with a body that does not fit the request: not JSON, or not one vector per input.</summary>
    InvalidResponse,
}
