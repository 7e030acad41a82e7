using AiNow.Gateway.Configuration;
using AiNow.Gateway.Errors;
using AiNow.Gateway.Telemetry;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace AiNow.Gateway.Proxy;

/// <summary>
/// Outermost step of the proxy pipeline. The proxy answers its own failures with an empty body;
/// this turns them into problems. Responses that came from the api pass through untouched.
/// </summary>
public sealed class ForwarderErrorProblemMiddleware(RequestDelegate next, IOptions<GatewayOptions> options, GatewayMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // The api's responses are its own, whatever their status; status code pages must not rewrite them.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        await next(context);

        if (context.GetForwarderErrorFeature() is not { } failure || context.Response.HasStarted)
        {
            return;
        }

        var problem = ForwarderErrorProblems.Describe(failure.Error, context.Response.StatusCode, failure.Exception, options.Value.MaxRequestBodyBytes);
        if (problem is null)
        {
            return;
        }

        metrics.RequestRejected(problem.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? RejectionReason.BodyTooLarge
            : RejectionReason.UpstreamFailure);
        await GatewayProblem.WriteAsync(context, problem.StatusCode, problem.Title, problem.Detail);
    }
}
