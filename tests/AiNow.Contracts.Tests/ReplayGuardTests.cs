using Microsoft.Extensions.Time.Testing;

namespace AiNow.Contracts.Tests;

/// <summary>
/// Replay protection: a nonce is refused for as long as its signature could still verify (its timestamp plus
/// the allowed skew, boundary included), forgotten after, the sweep runs at most once a second unless the guard
/// is full, and a full guard refuses rather than forgets a live nonce.
/// </summary>
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
    public void TryAccept_ANonceAtTheLastInstantItsSignatureVerifies_IsStillRefused()
    {
        var time = new FakeTimeProvider(Now);
        var guard = new ReplayGuard(time);
        Assert.True(guard.TryAccept(Signed("a", Now)));

        // The verifier accepts a timestamp exactly AllowedSkew old, so the nonce must still be remembered then.
        time.Advance(PrincipalSigner.AllowedSkew);
        Assert.False(guard.TryAccept(Signed("a", Now)));
    }

    [Fact]
    public void TryAccept_ANonceWhoseSignatureHasExpired_IsForgotten()
    {
        var time = new FakeTimeProvider(Now);
        var guard = new ReplayGuard(time);
        Assert.True(guard.TryAccept(Signed("a", Now)));

        time.Advance(PrincipalSigner.AllowedSkew + TimeSpan.FromSeconds(1));

        Assert.True(guard.TryAccept(Signed("a", Now)), "an expired nonce is swept once a second has passed since the last sweep");
    }

    [Fact]
    public void TryAccept_WithinASecondOfTheLastSweep_DoesNotSweepAgainUnlessFull()
    {
        var time = new FakeTimeProvider(Now);
        var guard = new ReplayGuard(time);
        Assert.True(guard.TryAccept(Signed("first", Now))); // sweeps, and starts the one-second throttle
        Assert.True(guard.TryAccept(Signed("a", Now - PrincipalSigner.AllowedSkew + TimeSpan.FromMilliseconds(100))));

        // "a" expires 100 ms after the sweep; at 500 ms no sweep has run since, so it is still remembered.
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.False(guard.TryAccept(Signed("a", Now)));

        // Exactly a second after the sweep the next one runs and forgets it.
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(guard.TryAccept(Signed("a", Now)));
    }

    [Fact]
    public void TryAccept_WhenFull_SweepsAtOnceAndReusesTheSpaceOfExpiredNonces()
    {
        var time = new FakeTimeProvider(Now);
        var guard = new ReplayGuard(time, capacity: 1);
        Assert.True(guard.TryAccept(Signed("a", Now - PrincipalSigner.AllowedSkew + TimeSpan.FromMilliseconds(100))));

        // Within the throttle's second, but full: the sweep runs anyway and frees "a"'s space.
        time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.True(guard.TryAccept(Signed("b", Now)));
    }

    [Fact]
    public void TryAccept_FullOfLiveNonces_RefusesRatherThanForgetting()
    {
        var time = new FakeTimeProvider(Now);
        var guard = new ReplayGuard(time, capacity: 1);
        Assert.True(guard.TryAccept(Signed("a", Now)));
        Assert.False(guard.TryAccept(Signed("b", Now)), "full of live nonces: refuse rather than forget one");

        time.Advance(PrincipalSigner.AllowedSkew + TimeSpan.FromSeconds(2));

        Assert.True(guard.TryAccept(Signed("b", time.GetUtcNow())));
    }

    [Fact]
    public void TryAccept_Nothing_ThrowsArgumentNull() =>
        Assert.Throws<ArgumentNullException>("verified", () => new ReplayGuard(TimeProvider.System).TryAccept(null!));

    private static SignedPrincipal Signed(string nonce, DateTimeOffset at) => new(Principal.Service, nonce, at);
}
