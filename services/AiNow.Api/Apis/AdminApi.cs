using AiNow.Api.Http;
using AiNow.Api.Keys;
using AiNow.Api.Security;
using AiNow.Api.Tenants;
using AiNow.Contracts;
using AiNow.ServiceDefaults.Audit;
using AiNow.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

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
        admin.MapDelete("/tenants/{id}/keys/{keyId}", RevokeKeyAsync);
        admin.MapPost("/tenants/{id}/keys/{keyId}/rotate", RotateKeyAsync);
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

        return IssuedKey(response, stored, key);
    }

    /// <summary>Revokes a key at once: in the database, the shared key cache and (announced) every gateway's cache.</summary>
    private static async Task<IResult> RevokeKeyAsync(
        string id, string keyId, IApiKeyStore keys, IKeyRevocationBroadcast revocations, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!TryParseKeyRoute(id, keyId, out var tenantId, out var keyGuid, out var problem))
        {
            return problem;
        }

        var hash = await keys.RevokeAsync(tenantId, keyGuid, cancellationToken);
        if (hash is null)
        {
            audit.Write(new AuditEvent("key.revoke", AuditEvent.Failure, "admin", tenantId, null, "no_such_active_key"));
            return NoSuchActiveKey(tenantId, keyGuid);
        }

        // Not cancellable: the revocation is committed, so the caches must hear of it even if the caller hung up.
        var announced = await revocations.RevokeAsync(hash, CancellationToken.None);
        audit.Write(new AuditEvent("key.revoke", AuditEvent.Success, "admin", tenantId, null, KeyDetail(keyGuid, announced)));
        return TypedResults.NoContent();
    }

    /// <summary>Issues a new key for the tenant and revokes the old one, in one transaction.</summary>
    private static async Task<IResult> RotateKeyAsync(
        string id, string keyId, HttpResponse response, IApiKeyStore keys, IKeyRevocationBroadcast revocations, AuditLog audit,
        CancellationToken cancellationToken)
    {
        if (!TryParseKeyRoute(id, keyId, out var tenantId, out var keyGuid, out var problem))
        {
            return problem;
        }

        var key = ApiKeyGenerator.Create();
        var rotated = await keys.RotateAsync(tenantId, keyGuid, key, cancellationToken);
        if (rotated is null)
        {
            audit.Write(new AuditEvent("key.rotate", AuditEvent.Failure, "admin", tenantId, null, "no_such_active_key"));
            return NoSuchActiveKey(tenantId, keyGuid);
        }

        var announced = await revocations.RevokeAsync(rotated.RevokedHash, CancellationToken.None);
        audit.Write(new AuditEvent("key.rotate", AuditEvent.Success, "admin", tenantId, null,
            $"{KeyDetail(keyGuid, announced)} new_key_id={rotated.Replacement.Id:D}"));
        return IssuedKey(response, rotated.Replacement, key);
    }

    private static JsonHttpResult<IssuedKeyResponse> IssuedKey(HttpResponse response, StoredApiKey stored, NewApiKey key)
    {
        // The only time the key exists outside the caller: keep it out of every cache on the way.
        response.Headers.CacheControl = "no-store";
        return TypedResults.Json(
            new IssuedKeyResponse(stored.Id, stored.TenantId, key.Key, stored.Prefix, stored.CreatedAt),
            ApiJsonContext.Default.IssuedKeyResponse,
            statusCode: StatusCodes.Status201Created);
    }

    private static bool TryParseKeyRoute(string id, string keyId, out Guid tenantId, out Guid keyGuid, out IResult problem)
    {
        keyGuid = Guid.Empty;
        problem = Results.Empty;
        if (!RouteIds.TryParse(id, out tenantId))
        {
            problem = Problems.NotFound(RouteIds.NotAGuid("tenant", id));
            return false;
        }

        if (!RouteIds.TryParse(keyId, out keyGuid))
        {
            problem = Problems.NotFound(RouteIds.NotAGuid("API key", keyId));
            return false;
        }

        return true;
    }

    private static IResult NoSuchActiveKey(Guid tenantId, Guid keyId) => Problems.NotFound(
        $"Tenant '{tenantId}' has no active API key '{keyId}' (it does not exist, belongs to another tenant, or is already revoked). " +
        "Use the id POST /admin/tenants/{id}/keys returned.");

    // The key's id only; "unannounced" tells the operator the gateways drop it when their cache entry expires instead.
    private static string KeyDetail(Guid keyId, bool announced) =>
        announced ? $"key_id={keyId:D}" : $"key_id={keyId:D} unannounced";

    internal sealed record IssuedKeyResponse(Guid Id, Guid TenantId, string Key, string Prefix, DateTimeOffset CreatedAt);
}
