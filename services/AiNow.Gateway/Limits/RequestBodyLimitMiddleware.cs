using AiNow.Gateway.Configuration;
using AiNow.Gateway.Errors;
using AiNow.Gateway.Telemetry;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AiNow.Gateway.Limits;

/// <summary>
/// Refuses bodies over the limit: at once when <c>Content-Length</c> says so, otherwise by
/// lowering the server's read limit so a chunked body fails as soon as it passes the limit
/// (the proxy then reports 413, which <c>ForwarderErrorProblemMiddleware</c> writes as a problem).
/// Kestrel counts chunk framing against that limit, so a chunked body may be refused a few
/// bytes per chunk short of it; bodies with a declared length are measured exactly.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<GatewayOptions> options, GatewayMetrics metrics)
{
    private readonly long _maxBytes = options.Value.MaxRequestBodyBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        var contentLength = context.Request.ContentLength;
        if (RequestBodyLimit.IsDeclaredTooLarge(contentLength, _maxBytes))
        {
            metrics.RequestRejected(RejectionReason.BodyTooLarge);
            await GatewayProblem.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Payload Too Large",
                RequestBodyLimit.Describe(contentLength, _maxBytes));
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = _maxBytes;
        }

        await next(context);
    }
}
