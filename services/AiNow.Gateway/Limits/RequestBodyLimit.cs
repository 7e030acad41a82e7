using System.Globalization;

namespace AiNow.Gateway.Limits;

/// <summary>The request body size rule and the message that explains it.</summary>
public static class RequestBodyLimit
{
    /// <summary>True when the declared length alone exceeds the limit (no need to read the body).</summary>
    public static bool IsDeclaredTooLarge(long? contentLength, long maxBytes) => contentLength > maxBytes;

    public static string Describe(long? actualBytes, long maxBytes)
    {
        var size = actualBytes is { } bytes
            ? string.Create(CultureInfo.InvariantCulture, $"The request body is {bytes} bytes")
            : "The request body is larger than the limit";
        return string.Create(CultureInfo.InvariantCulture, $"{size}; the gateway accepts at most {maxBytes} bytes (Gateway:MaxRequestBodyBytes).")
            + " Send fewer or shorter inputs per request, or split the work across several requests.";
    }
}
