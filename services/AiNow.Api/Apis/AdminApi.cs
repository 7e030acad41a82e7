using AiNow.Api.Http;
using AiNow.Api.Keys;
using AiNow.Api.Security;
using AiNow.Api.Tenants;
using AiNow.Contracts;
using AiNow.ServiceDefaults.Audit;
using AiNow.ServiceDefaults.Http;

namespace AiNow.Api.Apis;

/// <summary>Operator endpoints: tenants and their API keys. Only the gateway's <c>admin</c> principal may call them.</summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").RequirePrincipal(PrincipalKind.Admin).WithTags("Admin");
        admin.MapPost("/tenants", CreateTenantAsync);
        admin.MapGet("/tenants/{id}", GetTenantAsync);
        admin.MapPost("/tenants/{id}/keys", IssueKeyAsync);
        return app;
    }

    private static async Task<IResult> CreateTenantAsync(
        HttpRequest request, JsonRequestBodyReader bodies, ITenantStore tenants, AuditLog audit, CancellationToken cancellationToken)
    {
        var body = await bodies.ReadObjectAsync(request, cancellationToken);
        if (!body.IsValid)
        {
            return body.Problem;
        }

        if (!TenantRules.TryReadCreateRequest(body.Value, out var name, out var rateLimit, out var error))
        {
            return Problems.BadRequest(error);
        }

        var tenant = await tenants.CreateAsync(name, rateLimit, cancellationToken);
        audit.Write(tenant is null
            ? new AuditEvent("tenant.create", AuditEvent.Failure, "admin", null, null, "name_taken")
            : new AuditEvent("tenant.create", AuditEvent.Success, "admin", tenant.Id, null));
        return tenant is null
            ? Problems.Conflict($"A tenant named '{name}' already exists. Choose another name, or use the existing tenant.")
            : TypedResults.Created($"/admin/tenants/{tenant.Id}", tenant);
    }

    private static async Task<IResult> GetTenantAsync(string id, ITenantStore tenants, CancellationToken cancellationToken)
    {
        if (!RouteIds.TryParse(id, out var tenantId))
        {
            return Problems.NotFound(RouteIds.NotAGuid("tenant", id));
        }

        return await tenants.FindAsync(tenantId, cancellationToken) is { } tenant
            ? TypedResults.Ok(tenant)
            : Problems.NotFound($"No tenant has the id '{tenantId}'. Create one with POST /admin/tenants.");
    }

    private static async Task<IResult> IssueKeyAsync(
        string id, HttpResponse response, IApiKeyStore keys, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!RouteIds.TryParse(id, out var tenantId))
        {
            return Problems.NotFound(RouteIds.NotAGuid("tenant", id));
        }

        var key = ApiKeyGenerator.Create();
        var stored = await keys.AddAsync(tenantId, key, cancellationToken);
        audit.Write(stored is null
            ? new AuditEvent("key.issue", AuditEvent.Failure, "admin", tenantId, null, "no_such_tenant")
            : new AuditEvent("key.issue", AuditEvent.Success, "admin", tenantId, null, $"key_id={stored.Id:D}"));
        if (stored is null)
        {
            return Problems.NotFound($"No tenant has the id '{tenantId}'. Create the tenant first with POST /admin/tenants.");
        }

        // The only time the key exists outside the caller: keep it out of every cache on the way.
        response.Headers.CacheControl = "no-store";
        return TypedResults.Json(
            new IssuedKeyResponse(stored.Id, stored.TenantId, key.Key, stored.Prefix, stored.CreatedAt),
            ApiJsonContext.Default.IssuedKeyResponse,
            statusCode: StatusCodes.Status201Created);
    }

    internal sealed record IssuedKeyResponse(Guid Id, Guid TenantId, string Key, string Prefix, DateTimeOffset CreatedAt);
}
