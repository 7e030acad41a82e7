using AiNow.Contracts;
using AiNow.Gateway.Configuration;
using AiNow.Gateway.Errors;
using AiNow.Gateway.Limits;
using AiNow.Gateway.Telemetry;
using Microsoft.Extensions.Options;

namespace AiNow.Gateway.Proxy;

/// <summary>
/// Buffers the body of a request about to be forwarded and hashes it, so <see cref="PrincipalHeadersTransform"/>
/// can bind the principal signature to it (the api refuses a signature whose body hash differs). Runs after the
/// body limit is set, so at most <c>Gateway:MaxRequestBodyBytes</c> is buffered; a body that turns out larger
/// (chunked, no declared length) is refused here with 413, and one whose framing is broken with 400.
/// </summary>
public sealed class RequestBodyHashMiddleware(RequestDelegate next, IOptions<GatewayOptions> options, GatewayMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        SignedRequest received;
        try
        {
            received = await SignedRequest.ReadAsync(context.Request, context.RequestAborted);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            metrics.RequestRejected(RejectionReason.BodyTooLarge);
            await GatewayProblem.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Payload Too Large",
                RequestBodyLimit.Describe(null, options.Value.MaxRequestBodyBytes));
            return;
        }
        catch (BadHttpRequestException exception)
        {
            metrics.RequestRejected(RejectionReason.MalformedBody);
            await GatewayProblem.WriteAsync(context, exception.StatusCode, "Bad Request",
                "The request body could not be read (its framing is broken or it ended early). Send a complete body with a valid Content-Length or chunked encoding.");
            return;
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away while sending; nobody is left to answer.
            return;
        }

        context.Features.Set(new ReceivedBody(received.BodyHash));
        await next(context);
    }
}

/// <summary>The hash of the body the gateway received and forwards unchanged.</summary>
public sealed record ReceivedBody(string Hash);
