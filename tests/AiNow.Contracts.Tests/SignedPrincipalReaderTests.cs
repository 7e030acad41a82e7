using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace AiNow.Contracts.Tests;

/// <summary>
/// The receiving side as a service runs it on a real request: the principal of correctly signed headers, and
/// null (the service answers 401) for every header missing, a forged signature, an edited request and a replay.
/// </summary>
public sealed class SignedPrincipalReaderTests
{
    private const string Key = "signing-key-for-tests-0123456789";
    private const string Body = "{\"input\":\"hello\"}";
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly Principal Tenant = Principal.ForTenant(Guid.Parse("6f1c2b0e-8d4a-4f3e-9a57-2c1d0e9b7a11"));

    private readonly FakeTimeProvider _time = new(Now);

    [Fact]
    public async Task ReadAsync_CorrectlySignedHeaders_GiveThePrincipalAndLeaveTheBodyReadable()
    {
        var request = await SignedRequestAsync();

        Assert.Equal(Tenant, await Reader().ReadAsync(request, CancellationToken.None));
        Assert.Equal(Body, await new StreamReader(request.Body).ReadToEndAsync());
    }

    [Theory]
    [InlineData(PrincipalHeaders.Principal)]
    [InlineData(PrincipalHeaders.Timestamp)]
    [InlineData(PrincipalHeaders.Nonce)]
    [InlineData(PrincipalHeaders.Signature)]
    public async Task ReadAsync_WithoutOneHeader_GivesNoPrincipal(string missing)
    {
        var request = await SignedRequestAsync();
        request.Headers.Remove(missing);

        Assert.Null(await Reader().ReadAsync(request, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_WithoutAnyHeader_GivesNoPrincipal() =>
        Assert.Null(await Reader().ReadAsync(NewRequest(Body), CancellationToken.None));

    [Theory]
    [InlineData(PrincipalHeaders.Principal)]
    [InlineData(PrincipalHeaders.Signature)]
    public async Task ReadAsync_WithoutAPrincipalOrSignature_RefusesWithoutReadingTheBody(string missing)
    {
        // Anyone can send an unsigned request; it costs no buffering and no hashing of its body.
        var request = await SignedRequestAsync();
        request.Headers.Remove(missing);
        request.Body = new UnreadableStream();

        Assert.Null(await Reader().ReadAsync(request, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_AForgedSignature_GivesNoPrincipal()
    {
        var request = await SignedRequestAsync(new PrincipalSigner("another-key-0123456789abcdef", _time));

        Assert.Null(await Reader().ReadAsync(request, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_TheHeadersOnAnEditedBody_GiveNoPrincipal()
    {
        var signed = await SignedRequestAsync();
        var edited = NewRequest("{\"input\":\"hello!\"}");
        foreach (var (name, value) in signed.Headers)
        {
            edited.Headers[name] = value;
        }

        Assert.Null(await Reader().ReadAsync(edited, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_TheSameHeadersTwice_RefusesTheReplay()
    {
        var reader = Reader();
        var request = await SignedRequestAsync();
        Assert.Equal(Tenant, await reader.ReadAsync(request, CancellationToken.None));

        request.Body.Position = 0;
        Assert.Null(await reader.ReadAsync(request, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_NoRequest_ThrowsArgumentNull() =>
        await Assert.ThrowsAsync<ArgumentNullException>("request", () => Reader().ReadAsync(null!, CancellationToken.None));

    private SignedPrincipalReader Reader() => new(new PrincipalSigner(Key, _time), new ReplayGuard(_time));

    private async Task<HttpRequest> SignedRequestAsync(PrincipalSigner? signer = null)
    {
        var request = NewRequest(Body);
        var signed = new SignedRequest("POST", "/v1/embeddings?x=1", SignedRequest.Hash(Encoding.UTF8.GetBytes(Body)));
        foreach (var (name, value) in (signer ?? new PrincipalSigner(Key, _time)).CreateHeaders(Tenant, signed))
        {
            request.Headers[name] = value;
        }

        Assert.Equal(signed, await SignedRequest.ReadAsync(request, CancellationToken.None));
        return request;
    }

    private static HttpRequest NewRequest(string body)
    {
        var request = new DefaultHttpContext().Request;
        request.Method = "POST";
        request.Path = "/v1/embeddings";
        request.QueryString = new QueryString("?x=1");
        request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return request;
    }

    /// <summary>A body that fails the test if anything reads it.</summary>
    private sealed class UnreadableStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("the body was read");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the body was read");

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the body was read");
    }
}
