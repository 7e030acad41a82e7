using Microsoft.Extensions.Time.Testing;

namespace AiNow.Contracts.Tests;

public sealed class ReplayGuardTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryAccept_TheSameNonceTwice_RefusesTheSecond()
    {
        var guard = new ReplayGuard(new FakeTimeProvider(Now));

        Assert.True(guard.TryAccept(Signed("a", Now)));
        Assert.False(guard.TryAccept(Signed("a", Now)));
        Assert.True(guard.TryAccept(Signed("b", Now)));
    }

    [Fact]
    public void TryAccept_ANonceWhoseSignatureHasExpired_IsForgottenAndItsSpaceReused()
    {
        var time = new FakeTimeProvider(Now);
        var guard = new ReplayGuard(time, capacity: 1);
        Assert.True(guard.TryAccept(Signed("a", Now)));
        Assert.False(guard.TryAccept(Signed("b", Now)), "full of live nonces: refuse rather than forget one");

        time.Advance(PrincipalSigner.AllowedSkew + TimeSpan.FromSeconds(2));

        Assert.True(guard.TryAccept(Signed("b", time.GetUtcNow())));
    }

    private static SignedPrincipal Signed(string nonce, DateTimeOffset at) => new(Principal.Service, nonce, at);
}
