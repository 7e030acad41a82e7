namespace AiNow.Gateway.Authentication;

/// <summary>The tenant an API key belongs to, as the api's <c>/internal/keys/resolve</c> returns it.</summary>
public sealed record TenantIdentity(Guid TenantId, string TenantName, int RateLimitPerMinute);
