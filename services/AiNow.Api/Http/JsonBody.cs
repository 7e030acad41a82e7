using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AiNow.Api.Http;

/// <summary>
/// Reads a request body that must be one JSON object. The api reads bodies itself instead of letting
/// minimal APIs bind them, so that every way a body can be wrong (no body, another content type,
/// too large, not JSON, not an object) becomes a problem that says exactly that.
/// </summary>
public sealed class JsonBody(IOptions<ApiOptions> options)
{
    private const int ChunkSize = 16 * 1024;
    private const string MissingBody = "A JSON body is required. Send a JSON object with 'Content-Type: application/json'.";
    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 64 };
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Reads the body as a JSON object; when it is unusable the result holds the problem to answer with.</summary>
    public async Task<JsonBodyResult> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var maxBytes = options.Value.MaxRequestBodyBytes;
        if (request.ContentLength == 0 || !CanHaveBody(request))
        {
            return JsonBodyResult.FromProblem(Problems.BadRequest(MissingBody));
        }

        if (!request.HasJsonContentType())
        {
            var sent = string.IsNullOrEmpty(request.ContentType) ? "no Content-Type" : $"Content-Type '{request.ContentType}'";
            return JsonBodyResult.FromProblem(Problems.UnsupportedMediaType(
                $"The body must be JSON, but the request has {sent}. Send it with 'Content-Type: application/json'."));
        }

        if (request.ContentLength > maxBytes)
        {
            return JsonBodyResult.FromProblem(TooLarge(maxBytes));
        }

        byte[] bytes;
        try
        {
            var read = await ReadAtMostAsync(request.Body, maxBytes, cancellationToken);
            if (read is null)
            {
                return JsonBodyResult.FromProblem(TooLarge(maxBytes));
            }

            bytes = read;
        }
        catch (BadHttpRequestException exception)
        {
            return JsonBodyResult.FromProblem(Problems.Create(
                exception.StatusCode, "Invalid request body", $"The request body could not be read: {exception.Message}"));
        }

        if (bytes.Length == 0)
        {
            return JsonBodyResult.FromProblem(Problems.BadRequest(MissingBody));
        }

        // The JSON reader accepts invalid UTF-8 inside strings and fails only when they are read, deep in
        // validation; check the whole body here instead.
        if (!Utf8.IsValid(bytes))
        {
            return JsonBodyResult.FromProblem(
                Problems.BadRequest("The body is not valid UTF-8. Encode the JSON as UTF-8 (Content-Type: application/json; charset=utf-8)."));
        }

        // Some clients (PowerShell, Windows editors) prefix a byte order mark, which the JSON reader rejects.
        var json = bytes.AsMemory();
        if (json.Span.StartsWith(Utf8Bom))
        {
            json = json[Utf8Bom.Length..];
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json, s_documentOptions);
            root = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            return JsonBodyResult.FromProblem(
                Problems.BadRequest($"The body is not valid JSON: {exception.Message} Check quoting, commas and brackets."));
        }

        if (FindUndecodableString(json.Span) is { } position)
        {
            return JsonBodyResult.FromProblem(Problems.BadRequest(
                $"The body has a string with an invalid \\u escape (a lone UTF-16 surrogate) at byte {position}. Escape characters outside the BMP as a surrogate pair, or send them as UTF-8."));
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return JsonBodyResult.FromProblem(
                Problems.BadRequest($"The body must be a JSON object ({{ ... }}), not {JsonFields.Describe(root.ValueKind)}."));
        }

        return new JsonBodyResult(root, bytes);
    }

    /// <summary>
    /// Where a string or property name holds a \u escape that is not valid UTF-16 (a lone surrogate), or null.
    /// The reader accepts those and only fails when the string is read, which would surface as a 500 later.
    /// </summary>
    private static long? FindUndecodableString(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = s_documentOptions.MaxDepth });
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
            {
                try
                {
                    reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    return reader.TokenStartIndex;
                }
            }
        }

        return null;
    }

    private static IResult TooLarge(long maxBytes) =>
        Problems.PayloadTooLarge($"The body is larger than {maxBytes} bytes. Send fewer or shorter texts per request, or use /v1/batches.");

    // Kestrel knows when a request has neither Content-Length nor chunked encoding, i.e. no body at all.
    private static bool CanHaveBody(HttpRequest request) =>
        request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;

    /// <summary>The body's bytes, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[ChunkSize];
        int count;
        while ((count = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + count > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, count);
        }

        return buffer.ToArray();
    }
}

/// <summary>Either a parsed JSON object (with the raw bytes it came from) or the problem to answer with.</summary>
public sealed class JsonBodyResult
{
    public JsonBodyResult(JsonElement root, byte[] bytes)
    {
        Root = root;
        Bytes = bytes;
    }

    private JsonBodyResult(IResult problem) => Problem = problem;

    /// <summary>The body's root object (default when <see cref="Problem"/> is set).</summary>
    public JsonElement Root { get; }

    /// <summary>The body exactly as received, for forwarding unchanged.</summary>
    public byte[] Bytes { get; } = [];

    /// <summary>The answer to send when the body was unusable.</summary>
    public IResult? Problem { get; }

    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsValid => Problem is null;

    /// <summary>Wraps the problem to answer with.</summary>
    public static JsonBodyResult FromProblem(IResult problem) => new(problem);
}
