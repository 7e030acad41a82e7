using System.Collections.Concurrent;
using Npgsql;

namespace AiNow.Api.Tenants;

/// <summary>
/// Answers "does this tenant exist?" for every /v1 request. A positive answer is trusted for a minute without
/// asking the database; a negative one is not remembered, so a newly created tenant works at once. When the
/// database cannot answer, a tenant confirmed within <see cref="TrustWhileUnavailable"/> is still taken as
/// existing: the request carries the gateway's signature over a key that resolved to it, and failing every
/// tenant's cached answers because PostgreSQL stalls would turn a database blip into a full outage.
/// </summary>
public sealed class KnownTenants(ITenantStore store, TimeProvider time)
{
    /// <summary>How long a confirmed tenant is trusted without asking again.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromMinutes(1);

    /// <summary>How long a confirmed tenant is trusted while the database cannot be asked.</summary>
    public static readonly TimeSpan TrustWhileUnavailable = TimeSpan.FromHours(1);

    // Tenant id to when it was last confirmed; tenants are few (created by an operator), so this stays small.
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _confirmed = new();

    public async Task<bool> ExistsAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var confirmedAt = _confirmed.TryGetValue(tenantId, out var seen) ? seen : (DateTimeOffset?)null;
        if (now - confirmedAt < Fresh)
        {
            return true;
        }

        try
        {
            if (await store.FindAsync(tenantId, cancellationToken) is null)
            {
                _confirmed.TryRemove(tenantId, out _);
                return false;
            }
        }
        catch (NpgsqlException exception) when (exception.IsTransient && now - confirmedAt < TrustWhileUnavailable)
        {
            return true;
        }

        _confirmed[tenantId] = now;
        return true;
    }
}
