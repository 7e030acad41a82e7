namespace AiNow.Gateway.Authentication;

/// <summary>The api could not answer a key lookup (down, timing out, or answering with an error).</summary>
public sealed class ApiUnavailableException : Exception
{
    public ApiUnavailableException()
    {
    }

    public ApiUnavailableException(string message)
        : base(message)
    {
    }

    public ApiUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
