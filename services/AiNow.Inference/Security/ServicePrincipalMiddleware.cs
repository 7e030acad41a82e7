using AiNow.Contracts;
using AiNow.ServiceDefaults;

namespace AiNow.Inference.Security;

/// <summary>
/// Inference serves only the platform's own services: every request but the health probes must carry a valid
/// <c>service</c> principal signature for that very request (see <see cref="SignedPrincipalReader"/>), so a pod
/// that can reach inference over the network still cannot spend its CPU or its upstream LLM budget.
/// </summary>
public sealed class ServicePrincipalMiddleware(RequestDelegate next, SignedPrincipalReader principals)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (HealthEndpoints.IsHealthPath(context.Request.Path))
        {
            await next(context);
            return;
        }

        var principal = await principals.ReadAsync(context.Request, context.RequestAborted);
        if (principal?.Kind != PrincipalKind.Service)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthenticated",
                detail: "Inference answers only the platform's services, with a valid signed 'service' principal for this request.")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
