using System.Collections.Concurrent;
using AiNow.Gateway.Authentication;

namespace AiNow.Gateway.Tests.Fakes;

/// <summary>Answers key lookups from a dictionary and counts how often it was asked.</summary>
internal sealed class FakeApiKeyResolver : IApiKeyResolver
{
    private int _calls;

    public ConcurrentDictionary<string, TenantIdentity> Tenants { get; } = new();

    public bool Unavailable { get; set; }

    /// <summary>When set, lookups wait for it (to hold several callers on one lookup).</summary>
    public TaskCompletionSource? Gate { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public async Task<TenantIdentity?> ResolveAsync(string apiKey, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (Gate is not null)
        {
            await Gate.Task;
        }

        if (Unavailable)
        {
            throw new ApiUnavailableException("The api is down in this test.");
        }

        return Tenants.GetValueOrDefault(apiKey);
    }
}
