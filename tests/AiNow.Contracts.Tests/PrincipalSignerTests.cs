using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace AiNow.Contracts.Tests;

/// <summary>
/// The principal headers signed by the gateway (and by services for their own calls): a pinned known signature
/// (the format cannot drift between releases of signer and verifier), and a signature that covers every part it
/// names, so none can be edited: principal, timestamp, nonce, method, path and query, and body.
/// </summary>
public sealed class PrincipalSignerTests
{
    private const string Key = "signing-key-for-tests-0123456789";
    private const string Nonce = "bm9uY2UtZm9yLXRlc3Rz";
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly Principal Tenant = Principal.ForTenant(Guid.Parse("6f1c2b0e-8d4a-4f3e-9a57-2c1d0e9b7a11"));
    private static readonly SignedRequest Request = new("POST", "/v1/embeddings?x=1", SignedRequest.Hash("{\"input\":\"hello\"}"u8));

    [Fact]
    public void CreateHeaders_ForAFixedKeyTimeNonceAndRequest_GivesTheKnownSignature()
    {
        var headers = Signer(Now).CreateHeaders(Tenant, Request, Nonce).ToDictionary(h => h.Key, h => h.Value);

        Assert.Equal("QCOX2p1fs1yd0r3pZG4HuCHrjFO6xTYjA6DlKpJcnK8", Request.BodyHash);
        Assert.Equal("tenant:6f1c2b0e-8d4a-4f3e-9a57-2c1d0e9b7a11", headers[PrincipalHeaders.Principal]);
        Assert.Equal("1795780800", headers[PrincipalHeaders.Timestamp]);
        Assert.Equal(Nonce, headers[PrincipalHeaders.Nonce]);
        // HMAC-SHA256 of "ainow-principal-v2\ntenant:...\n1795780800\n<nonce>\nPOST\n/v1/embeddings?x=1\n<body hash>"
        // under the key, base64url without padding (computed independently).
        Assert.Equal("cBMvVUyhdQ5_pdNFUZZ-I4fsNSVVyq5SPnIh_ByO5V4", headers[PrincipalHeaders.Signature]);
    }

    [Fact]
    public void CreateHeaders_TwoCalls_UseDifferentNonces()
    {
        var first = Signer(Now).CreateHeaders(Tenant, Request).Single(h => h.Key == PrincipalHeaders.Nonce).Value;
        var second = Signer(Now).CreateHeaders(Tenant, Request).Single(h => h.Key == PrincipalHeaders.Nonce).Value;

        Assert.NotEqual(first, second);
        Assert.True(first.Length >= 20, "a nonce of 16 random bytes");
    }

    [Fact]
    public void Verify_TheSignersOwnHeaders_GivesThePrincipalNonceAndTime()
    {
        var headers = Sign(Tenant);
        var verified = Verify(headers, Request);

        Assert.Equal(new SignedPrincipal(Tenant, Nonce, Now), verified);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(20)]
    public void Verify_ATimestampChangedWithinTheAllowedSkew_IsRefused(int seconds)
    {
        // A signer that left the timestamp out would accept this: old headers made fresh forever.
        var headers = Sign(Tenant);
        headers[PrincipalHeaders.Timestamp] = (long.Parse(headers[PrincipalHeaders.Timestamp], System.Globalization.CultureInfo.InvariantCulture) + seconds)
            .ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Null(Verify(headers, Request));
    }

    [Fact]
    public void Verify_AnotherNonce_IsRefused()
    {
        // A signer that left the nonce out would let a replay pass under a fresh nonce.
        var headers = Sign(Tenant);
        headers[PrincipalHeaders.Nonce] = "another-nonce-0123456789";

        Assert.Null(Verify(headers, Request));
    }

    [Theory]
    [InlineData("GET", "/v1/embeddings?x=1", "{\"input\":\"hello\"}")]
    [InlineData("POST", "/v1/embeddings?x=2", "{\"input\":\"hello\"}")]
    [InlineData("POST", "/v1/batches?x=1", "{\"input\":\"hello\"}")]
    [InlineData("POST", "/v1/embeddings?x=1", "{\"input\":\"hello!\"}")]
    [InlineData("POST", "/v1/embeddings?x=1", "")]
    public void Verify_TheHeadersOnAnotherRequest_AreRefused(string method, string pathAndQuery, string body)
    {
        var headers = Sign(Tenant);

        Assert.Null(Verify(headers, new SignedRequest(method, pathAndQuery, SignedRequest.Hash(Encoding.UTF8.GetBytes(body)))));
    }

    [Fact]
    public void Verify_AnotherPrincipalWithTheSameSignature_IsRefused()
    {
        var headers = Sign(Tenant);
        foreach (var other in new[] { Principal.Admin, Principal.Service, Principal.ForTenant(Guid.NewGuid()) })
        {
            headers[PrincipalHeaders.Principal] = other.ToString();
            Assert.Null(Verify(headers, Request));
        }
    }

    [Fact]
    public void Verify_ASignatureMadeWithAnotherKey_IsRefused()
    {
        var headers = Sign(Tenant, new PrincipalSigner("another-key-0123456789abcdef", new FakeTimeProvider(Now)));
        Assert.Null(Verify(headers, Request));
    }

    [Theory]
    [InlineData(29, true)]
    [InlineData(30, true)]
    [InlineData(31, false)]
    [InlineData(-29, true)]
    [InlineData(-30, true)]
    [InlineData(-31, false)]
    public void Verify_HeadersFromAnotherTime_AreAcceptedOnlyWithinThirtySeconds(int secondsLater, bool accepted)
    {
        var headers = Sign(Tenant);
        var verified = Verify(headers, Request, Signer(Now.AddSeconds(secondsLater)));
        Assert.Equal(accepted, verified is not null);
    }

    [Theory]
    [InlineData(null, "1796126400", "n", "x")]
    [InlineData("admin", null, "n", "x")]
    [InlineData("admin", "1796126400", null, "x")]
    [InlineData("admin", "1796126400", "", "x")]
    [InlineData("admin", "1796126400", "n", null)]
    [InlineData("admin", "-1796126400", "n", "x")]
    [InlineData("admin", "17961264OO", "n", "x")]
    [InlineData("admin", "99999999999999999999999", "n", "x")]
    public void Verify_MissingOrMalformedHeaders_AreRefused(string? principal, string? timestamp, string? nonce, string? signature) =>
        Assert.Null(Signer(Now).Verify(principal, timestamp, nonce, signature, Request));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("admin")]
    public void Verify_FreshHeadersWithoutASignature_AreRefused(string? principal)
    {
        // Fresh timestamp and a nonce, so only the missing signature (or principal) can refuse them.
        var timestamp = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Null(Signer(Now).Verify(principal, timestamp, Nonce, null, Request));
    }

    [Theory]
    [InlineData("")]
    [InlineData("root")]
    [InlineData("tenant:not-a-guid")]
    [InlineData("Admin")]
    public void Verify_ACorrectlySignedPrincipalThatNamesNoOne_IsRefused(string principal)
    {
        // Signed outside the signer (which only signs principals it can name), as a holder of the key could.
        var timestamp = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        string SignedOutside(string value) => Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(
            System.Security.Cryptography.HMACSHA256.HashData(
                Encoding.UTF8.GetBytes(Key),
                Encoding.UTF8.GetBytes(string.Join('\n', "ainow-principal-v2", value, timestamp, Nonce, Request.Method, Request.PathAndQuery, Request.BodyHash))));

        Assert.Null(Signer(Now).Verify(principal, timestamp, Nonce, SignedOutside(principal), Request));
        Assert.Equal(Principal.Admin, Signer(Now).Verify("admin", timestamp, Nonce, SignedOutside("admin"), Request)?.Principal);
    }

    [Fact]
    public void Verify_ANonceOfSixtyFourCharacters_IsTheLongestAccepted()
    {
        var longest = new string('n', 64);
        var headers = Signer(Now).CreateHeaders(Tenant, Request, longest).ToDictionary(h => h.Key, h => h.Value);
        Assert.NotNull(Verify(headers, Request));

        var tooLong = Signer(Now).CreateHeaders(Tenant, Request, longest + "n").ToDictionary(h => h.Key, h => h.Value);
        Assert.Null(Verify(tooLong, Request));
    }

    [Fact]
    public void CreateHeadersAndVerify_WithoutAPrincipalOrRequest_ThrowArgumentNull()
    {
        var signer = Signer(Now);
        var timestamp = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Throws<ArgumentNullException>("principal", () => signer.CreateHeaders(null!, Request, Nonce));
        Assert.Throws<ArgumentNullException>("request", () => signer.CreateHeaders(Tenant, null!, Nonce));
        Assert.Throws<ArgumentNullException>("request", () => signer.Verify("admin", timestamp, Nonce, "x", null!));
    }

    [Fact]
    public void Create_AKeyOfSixteenCharacters_IsTheShortestAccepted()
    {
        var signer = new PrincipalSigner("0123456789abcdef", new FakeTimeProvider(Now));
        var headers = Sign(Tenant, signer);
        Assert.NotNull(Verify(headers, Request, signer));

        Assert.Throws<ArgumentException>(() => new PrincipalSigner("0123456789abcde", TimeProvider.System));
    }

    [Fact]
    public void Create_AShortKey_IsRefusedNamingTheParameter()
    {
        var error = Assert.Throws<ArgumentException>(() => new PrincipalSigner("too-short", TimeProvider.System));
        Assert.Contains("tenant-signing-key", error.Message, StringComparison.Ordinal);
    }

    private static PrincipalSigner Signer(DateTimeOffset now) => new(Key, new FakeTimeProvider(now));

    private static Dictionary<string, string> Sign(Principal principal, PrincipalSigner? signer = null) =>
        (signer ?? Signer(Now)).CreateHeaders(principal, Request, Nonce).ToDictionary(h => h.Key, h => h.Value);

    private static SignedPrincipal? Verify(Dictionary<string, string> headers, SignedRequest request, PrincipalSigner? verifier = null) =>
        (verifier ?? Signer(Now)).Verify(
            headers[PrincipalHeaders.Principal], headers[PrincipalHeaders.Timestamp], headers[PrincipalHeaders.Nonce], headers[PrincipalHeaders.Signature], request);
}
