using AiNow.Api.Http;
using AiNow.Api.Keys;
using AiNow.Api.Security;
using AiNow.Contracts;
using AiNow.ServiceDefaults.Http;

namespace AiNow.Api.Apis;

/// <summary>Endpoints for the gateway's own lookups; only its <c>gateway</c> principal may call them.</summary>
public static class InternalApi
{
    public static IEndpointRouteBuilder MapInternalApi(this IEndpointRouteBuilder app)
    {
        var internalApi = app.MapGroup("/internal").RequirePrincipal(PrincipalKind.Gateway).WithTags("Internal").ExcludeFromDescription();
        internalApi.MapPost("/keys/resolve", ResolveKeyAsync);
        return app;
    }

    private static async Task<IResult> ResolveKeyAsync(HttpRequest request, JsonRequestBodyReader bodies, KeyResolver resolver, CancellationToken cancellationToken)
    {
        var body = await bodies.ReadObjectAsync(request, cancellationToken);
        if (!body.IsValid)
        {
            return body.Problem;
        }

        if (!JsonFields.TryGetRequiredString(body.Value, "key", out var key, out var error))
        {
            return Problems.BadRequest(error);
        }

        return await resolver.ResolveAsync(key, cancellationToken) is { } owner
            ? TypedResults.Ok(owner)
            : Problems.NotFound("No active API key matches. Check the key, or ask the operator for a new one.");
    }
}
