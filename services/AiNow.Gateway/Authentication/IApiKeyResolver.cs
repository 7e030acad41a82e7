namespace AiNow.Gateway.Authentication;

/// <summary>Finds the tenant an API key belongs to.</summary>
public interface IApiKeyResolver
{
    /// <summary>The key's tenant, or null when no tenant has this key.</summary>
    /// <exception cref="ApiUnavailableException">The lookup could not be answered.</exception>
    Task<TenantIdentity?> ResolveAsync(string apiKey, CancellationToken cancellationToken);
}
