using AiNow.Gateway.Limits;
using Yarp.ReverseProxy.Forwarder;

namespace AiNow.Gateway.Proxy;

/// <summary>A problem response that replaces the proxy's empty error response.</summary>
public sealed record ForwarderProblem(int StatusCode, string Title, string Detail);

/// <summary>Explains, as a problem, why a request could not be forwarded to the api.</summary>
public static class ForwarderErrorProblems
{
    /// <summary>The problem for <paramref name="error"/>, or null when there is nobody to tell (the client left).</summary>
    /// <param name="error">What the proxy reported.</param>
    /// <param name="proxyStatusCode">The status the proxy chose (413 when the server refused an oversized body).</param>
    /// <param name="exception">The failure the proxy caught, if any.</param>
    /// <param name="maxRequestBodyBytes">The configured body limit, for the 413 message.</param>
    public static ForwarderProblem? Describe(ForwarderError error, int proxyStatusCode, Exception? exception, long maxRequestBodyBytes)
    {
        if (IsBodyTooLarge(error, proxyStatusCode, exception))
        {
            return new(StatusCodes.Status413PayloadTooLarge, "Payload Too Large", RequestBodyLimit.Describe(null, maxRequestBodyBytes));
        }

        return error switch
        {
            ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled => null,
            ForwarderError.RequestBodyClient => new(StatusCodes.Status400BadRequest, "Bad Request",
                "The request body could not be read from the client. Check that the body matches its Content-Length or chunked encoding."),
            ForwarderError.NoAvailableDestinations or ForwarderError.Request => new(StatusCodes.Status503ServiceUnavailable, "Service Unavailable",
                "The service is unavailable right now. Retry in a few seconds."),
            ForwarderError.RequestTimedOut => new(StatusCodes.Status504GatewayTimeout, "Gateway Timeout",
                "The request took too long to answer. Retry later, or send a smaller request."),
            _ => new(StatusCodes.Status502BadGateway, "Bad Gateway",
                "The request failed on the way. Retry later; if it persists, report the traceId."),
        };
    }

    private static bool IsBodyTooLarge(ForwarderError error, int proxyStatusCode, Exception? exception)
    {
        if (error != ForwarderError.RequestBodyClient)
        {
            return false;
        }

        if (proxyStatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return true;
        }

        // The server's refusal may arrive wrapped; look through the chain for it.
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return true;
            }

            if (current is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Any(inner => IsBodyTooLarge(error, 0, inner));
            }
        }

        return false;
    }
}
