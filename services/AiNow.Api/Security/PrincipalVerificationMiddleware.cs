using AiNow.Api.Http;
using AiNow.Api.Tenants;
using AiNow.Contracts;
using AiNow.ServiceDefaults.Audit;
using AiNow.ServiceDefaults.Telemetry;

namespace AiNow.Api.Security;

/// <summary>
/// Enforces <see cref="RequiredPrincipal"/>: the gateway's signed principal headers must verify, name the
/// required kind of principal and, for tenants, a tenant that exists. Runs after routing and before
/// the endpoint binds anything, so an unauthenticated request never gets as far as body validation.
/// </summary>
public sealed class PrincipalVerificationMiddleware(
    RequestDelegate next, SignedPrincipalReader principals, KnownTenants knownTenants, AuditLog audit, ILogger<PrincipalVerificationMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var required = context.GetEndpoint()?.Metadata.GetMetadata<RequiredPrincipal>();
        if (required is null)
        {
            await next(context);
            return;
        }

        var principal = await principals.ReadAsync(context.Request, context.RequestAborted);
        if (principal is null)
        {
            // Only a caller that bypassed the gateway, replayed or altered a request, or a gateway with the wrong key gets here.
            audit.Write(new AuditEvent("principal", AuditEvent.Denied, "anonymous", null, context.Connection.RemoteIpAddress?.ToString(), "unsigned_or_forged"));
            await Problems.Unauthorized(
                "The request carries no valid principal signature for this request (missing, forged, stale, altered or replayed). " +
                "Send it through the gateway, which authenticates the caller and signs the principal.")
                .ExecuteAsync(context);
            return;
        }

        if (principal.Kind != required.Kind)
        {
            await Problems.Forbidden(
                $"This endpoint is for the {Describe(required.Kind)}; the request was made as {Describe(principal.Kind)}.")
                .ExecuteAsync(context);
            return;
        }

        if (principal.Kind == PrincipalKind.Tenant && !await knownTenants.ExistsAsync(principal.TenantId, context.RequestAborted))
        {
            await Problems.Unauthorized(
                $"Tenant '{principal.TenantId}' does not exist. Ask the operator for an API key of an existing tenant.")
                .ExecuteAsync(context);
            return;
        }

        VerifiedPrincipal.Set(context, principal);
        if (principal.Kind == PrincipalKind.Tenant)
        {
            using (logger.BeginScope(TenantLogScope.For(principal.TenantId)))
            {
                await next(context);
            }

            return;
        }

        await next(context);
    }

    private static string Describe(PrincipalKind kind) => kind switch
    {
        PrincipalKind.Admin => "operator (admin key)",
        PrincipalKind.Gateway => "gateway itself",
        _ => "a tenant (API key)",
    };
}
