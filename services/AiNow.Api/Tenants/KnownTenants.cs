using Microsoft.Extensions.Caching.Memory;

namespace AiNow.Api.Tenants;

/// <summary>
/// Answers "does this tenant exist?" for every /v1 request. Tenants are never renamed into existence and
/// rarely deleted, so a positive answer is remembered in memory for a minute; a negative one is not, so a
/// newly created tenant works at once.
/// </summary>
public sealed class KnownTenants(ITenantStore store, IMemoryCache memory)
{
    private static readonly TimeSpan s_remember = TimeSpan.FromMinutes(1);

    public async Task<bool> ExistsAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var cacheKey = (nameof(KnownTenants), tenantId);
        if (memory.TryGetValue(cacheKey, out _))
        {
            return true;
        }

        if (await store.FindAsync(tenantId, cancellationToken) is null)
        {
            return false;
        }

        memory.Set(cacheKey, true, s_remember);
        return true;
    }
}
