using AiNow.Gateway.Errors;

namespace AiNow.Gateway.Authentication;

/// <summary>
/// Turns the bearer credential of a request into a caller: the admin key for <c>/admin/*</c>,
/// a tenant API key (resolved through the api, cached) for <c>/v1/*</c>.
/// </summary>
public sealed class GatewayAuthenticator(AdminKeyVerifier adminKey, ApiKeyCache apiKeys)
{
    private const string Unauthorized = "Unauthorized";

    public async Task<AuthenticationResult> AuthenticateAsync(CallerScope scope, BearerCredential credential, CancellationToken cancellationToken)
    {
        var credentialName = scope == CallerScope.Admin ? "the admin key" : "an API key";
        switch (credential.Status)
        {
            case BearerCredentialStatus.Missing:
                return AuthenticationResult.Fail(StatusCodes.Status401Unauthorized, RejectionReason.MissingCredentials, Unauthorized,
                    $"This endpoint needs {credentialName}. Send it as 'Authorization: Bearer <key>'.");
            case BearerCredentialStatus.Malformed:
                return AuthenticationResult.Fail(StatusCodes.Status401Unauthorized, RejectionReason.MalformedCredentials, Unauthorized,
                    $"The Authorization header is malformed. Send {credentialName} as 'Authorization: Bearer <key>' (one header, one token).");
        }

        return scope == CallerScope.Admin
            ? AuthenticateAdmin(credential.Token)
            : await AuthenticateTenantAsync(credential.Token, cancellationToken);
    }

    private AuthenticationResult AuthenticateAdmin(string token)
    {
        if (adminKey.Matches(token))
        {
            return AuthenticationResult.Success(GatewayCaller.Admin);
        }

        return ApiKeyFormat.IsTenantKey(token)
            ? AuthenticationResult.Fail(StatusCodes.Status403Forbidden, RejectionReason.Forbidden, "Forbidden",
                "Tenant API keys cannot call /admin endpoints. Use the admin key (the 'admin-key' parameter).")
            : AuthenticationResult.Fail(StatusCodes.Status401Unauthorized, RejectionReason.InvalidCredentials, Unauthorized,
                "The admin key is not valid. Use the value of the 'admin-key' parameter.");
    }

    private async Task<AuthenticationResult> AuthenticateTenantAsync(string token, CancellationToken cancellationToken)
    {
        if (adminKey.Matches(token))
        {
            return AuthenticationResult.Fail(StatusCodes.Status403Forbidden, RejectionReason.Forbidden, "Forbidden",
                "The admin key cannot call /v1 endpoints. Create a tenant API key with POST /admin/tenants/{id}/keys and use that.");
        }

        if (!ApiKeyFormat.IsTenantKey(token))
        {
            return AuthenticationResult.Fail(StatusCodes.Status401Unauthorized, RejectionReason.InvalidCredentials, Unauthorized,
                $"The bearer token is not an AI-Now API key (keys start with '{ApiKeyFormat.Prefix}'). Check the key you send.");
        }

        TenantIdentity? tenant;
        try
        {
            tenant = await apiKeys.ResolveAsync(token, cancellationToken);
        }
        catch (ApiUnavailableException)
        {
            return AuthenticationResult.Fail(StatusCodes.Status503ServiceUnavailable, RejectionReason.AuthenticationUnavailable,
                "Service Unavailable",
                "The API key could not be checked right now. Retry in a few seconds.");
        }

        return tenant is null
            ? AuthenticationResult.Fail(StatusCodes.Status401Unauthorized, RejectionReason.InvalidCredentials, Unauthorized,
                "The API key is not valid: it is unknown or has been revoked. Check the key, or create a new one with POST /admin/tenants/{id}/keys.")
            : AuthenticationResult.Success(GatewayCaller.ForTenant(tenant));
    }
}
