using AiNow.Gateway.RateLimiting;
using AiNow.Gateway.Tests.RateLimiting;

namespace AiNow.Gateway.Tests.Fakes;

/// <summary>The in-memory stand-in keeps the counter store's contract.</summary>
public sealed class InMemoryCounterStoreTests : RateLimitCounterStoreContract
{
    private readonly InMemoryCounterStore _store = new();

    private protected override IRateLimitCounterStore Store => _store;

    private protected override Task<IReadOnlyList<long>> WindowsOfAsync(string key) => Task.FromResult(_store.WindowsOf(key));
}
