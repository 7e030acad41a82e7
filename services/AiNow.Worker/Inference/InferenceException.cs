namespace AiNow.Worker.Inference;

/// <summary>Inference failed or answered with something the worker cannot use.</summary>
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
}
