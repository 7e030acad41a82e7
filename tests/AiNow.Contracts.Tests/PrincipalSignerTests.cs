using Microsoft.Extensions.Time.Testing;

namespace AiNow.Contracts.Tests;

/// <summary>
/// The principal headers the gateway signs: a pinned known signature (the format cannot drift between
/// gateway and api releases), and a signature that covers both the principal and the timestamp, so
/// neither can be edited and an old header cannot be made fresh.
/// </summary>
public sealed class PrincipalSignerTests
{
    private const string Key = "signing-key-for-tests-0123456789";
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly Principal Tenant = Principal.ForTenant(Guid.Parse("6f1c2b0e-8d4a-4f3e-9a57-2c1d0e9b7a11"));

    [Fact]
    public void CreateHeaders_ForAFixedKeyTimeAndPrincipal_GivesTheKnownSignature()
    {
        var headers = Signer(Now).CreateHeaders(Tenant).ToDictionary(h => h.Key, h => h.Value);

        Assert.Equal("tenant:6f1c2b0e-8d4a-4f3e-9a57-2c1d0e9b7a11", headers[PrincipalHeaders.Principal]);
        Assert.Equal("1795780800", headers[PrincipalHeaders.Timestamp]);
        // HMAC-SHA256 of "tenant:...\n1795780800" under the key, base64url without padding (computed independently).
        Assert.Equal("58qB9gvg9a2eynalbNVkrTiq2FJYGF4Ay0fEnIDi6Xs", headers[PrincipalHeaders.Signature]);
    }

    [Fact]
    public void Verify_TheSignersOwnHeaders_GivesThePrincipal()
    {
        var (principal, timestamp, signature) = Sign(Tenant);
        Assert.Equal(Tenant, Signer(Now).Verify(principal, timestamp, signature));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(60)]
    public void Verify_ATimestampChangedWithinTheAllowedSkew_IsRefused(int seconds)
    {
        // A signer that signed only the principal would accept this: old headers made fresh forever.
        var (principal, timestamp, signature) = Sign(Tenant);
        var moved = (long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture) + seconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Null(Signer(Now).Verify(principal, moved, signature));
    }

    [Fact]
    public void Verify_AnotherPrincipalWithTheSameSignature_IsRefused()
    {
        var (_, timestamp, signature) = Sign(Tenant);
        Assert.Null(Signer(Now).Verify(Principal.Admin.ToString(), timestamp, signature));
        Assert.Null(Signer(Now).Verify(Principal.ForTenant(Guid.NewGuid()).ToString(), timestamp, signature));
    }

    [Fact]
    public void Verify_ASignatureMadeWithAnotherKey_IsRefused()
    {
        var (principal, timestamp, signature) = Sign(Tenant, new PrincipalSigner("another-key-0123456789abcdef", new FakeTimeProvider(Now)));
        Assert.Null(Signer(Now).Verify(principal, timestamp, signature));
    }

    [Theory]
    [InlineData(299, true)]
    [InlineData(301, false)]
    [InlineData(-299, true)]
    [InlineData(-301, false)]
    public void Verify_HeadersFromAnotherTime_AreAcceptedOnlyWithinFiveMinutes(int secondsLater, bool accepted)
    {
        var (principal, timestamp, signature) = Sign(Tenant);
        var verified = Signer(Now.AddSeconds(secondsLater)).Verify(principal, timestamp, signature);
        Assert.Equal(accepted, verified is not null);
    }

    [Theory]
    [InlineData(null, "1796126400", "x")]
    [InlineData("admin", null, "x")]
    [InlineData("admin", "1796126400", null)]
    [InlineData("admin", "-1796126400", "x")]
    [InlineData("admin", "17961264OO", "x")]
    [InlineData("admin", "99999999999999999999999", "x")]
    public void Verify_MissingOrMalformedHeaders_AreRefused(string? principal, string? timestamp, string? signature) =>
        Assert.Null(Signer(Now).Verify(principal, timestamp, signature));

    [Fact]
    public void Create_AShortKey_IsRefusedNamingTheParameter()
    {
        var error = Assert.Throws<ArgumentException>(() => new PrincipalSigner("too-short", TimeProvider.System));
        Assert.Contains("tenant-signing-key", error.Message, StringComparison.Ordinal);
    }

    private static PrincipalSigner Signer(DateTimeOffset now) => new(Key, new FakeTimeProvider(now));

    private static (string Principal, string Timestamp, string Signature) Sign(Principal principal, PrincipalSigner? signer = null)
    {
        var headers = (signer ?? Signer(Now)).CreateHeaders(principal).ToDictionary(h => h.Key, h => h.Value);
        return (headers[PrincipalHeaders.Principal], headers[PrincipalHeaders.Timestamp], headers[PrincipalHeaders.Signature]);
    }
}
