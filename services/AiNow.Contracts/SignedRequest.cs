using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace AiNow.Contracts;

/// <summary>
/// What a principal signature is bound to besides the principal: the request's method, path and query, and
/// the SHA-256 of its body. A captured header set therefore authorises only the exact request it came with.
/// </summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="PathAndQuery">The decoded path followed by the raw query string (with its <c>?</c>), as the receiver's server sees them.</param>
/// <param name="BodyHash">Base64url SHA-256 of the body bytes (of no bytes for a request without a body).</param>
public sealed record SignedRequest(string Method, string PathAndQuery, string BodyHash)
{
    /// <summary>The request as an HttpClient sends it (its content, if any, is read; HttpClient contents here are buffered JSON).</summary>
    public static async Task<SignedRequest> OfAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("A request is signed once its address is known.");
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        return new SignedRequest(request.Method.Method, Uri.UnescapeDataString(uri.AbsolutePath) + uri.Query, Hash(body));
    }

    /// <summary>
    /// The request as a server received it. The body is buffered (so the endpoint can still read it) and hashed;
    /// its size is bounded by the server's own request body limit.
    /// </summary>
    /// <exception cref="BadHttpRequestException">The body is too large (413) or its framing is broken (400).</exception>
    public static async Task<SignedRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.EnableBuffering();
        byte[] hash;
        try
        {
            hash = await SHA256.HashDataAsync(request.Body, cancellationToken);
        }
        catch (IOException exception) when (exception is not BadHttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            // Kestrel reports broken chunked framing ("Bad chunk size data") as an IOException: the client's fault, a 400.
            throw new BadHttpRequestException("The request body could not be read: its chunked framing is broken.", StatusCodes.Status400BadRequest, exception);
        }

        request.Body.Position = 0;
        return new SignedRequest(request.Method, request.Path.Value + request.QueryString.Value, WebEncoders.Base64UrlEncode(hash));
    }

    /// <summary>Base64url SHA-256 of <paramref name="body"/>.</summary>
    public static string Hash(ReadOnlySpan<byte> body) => WebEncoders.Base64UrlEncode(SHA256.HashData(body));
}
