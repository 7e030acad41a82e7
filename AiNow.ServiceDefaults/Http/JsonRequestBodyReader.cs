using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AiNow.ServiceDefaults.Http;

/// <summary>
/// Reads a request body that must be one JSON object. Endpoints read bodies with this instead of letting
/// minimal APIs bind them, so that every way a body can be wrong (no body, another content type, too
/// large, not UTF-8, not JSON, not an object, a field of the wrong JSON type) becomes an RFC 7807
/// problem that names the mistake, never a 500.
/// </summary>
public sealed class JsonRequestBodyReader(IOptions<JsonRequestBodyOptions> options)
{
    private const int ChunkSize = 16 * 1024;
    // Duplicate property names make a body ambiguous (which "input" counts?) and break JsonObject
    // lookups later: refused here, as invalid JSON.
    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 64, AllowDuplicateProperties = false };
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Reads the body as a JSON object, keeping the bytes it came from.</summary>
    public Task<JsonRequestBody<JsonElement>> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ReadObjectAsync(request, example: null, cancellationToken);

    /// <summary>
    /// Reads the body as a JSON object and then as <typeparamref name="T"/> through its generated metadata
    /// <paramref name="type"/> (the services run trimmed, without reflection-based serialization); a field of
    /// the wrong JSON type becomes a problem naming the field. <paramref name="example"/>, when given, is a
    /// valid body that problems quote so the client sees what to send instead.
    /// </summary>
    public async Task<JsonRequestBody<T>> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, string? example, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(type);
        var body = await ReadObjectAsync(request, example, cancellationToken);
        if (!body.IsValid)
        {
            return new(body.Problem);
        }

        try
        {
            // An object never reads as null; only a broken converter would get here with one.
            var value = body.Value.Deserialize(type)
                ?? throw new InvalidOperationException($"A JSON object was read as a null {typeof(T).Name}.");
            return new(value, body.Bytes);
        }
        catch (JsonException exception)
        {
            return new(JsonRequestBodyProblems.WrongType(exception, type, example));
        }
    }

    private async Task<JsonRequestBody<JsonElement>> ReadObjectAsync(HttpRequest request, string? example, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var maxBytes = options.Value.MaxBytes;
        if (request.ContentLength == 0 || !CanHaveBody(request))
        {
            return new(JsonRequestBodyProblems.Missing(example));
        }

        if (!request.HasJsonContentType())
        {
            return new(JsonRequestBodyProblems.NotJsonContentType(request.ContentType, example));
        }

        if (request.ContentLength > maxBytes)
        {
            return new(JsonRequestBodyProblems.TooLarge(maxBytes, options.Value.TooLargeAdvice));
        }

        byte[]? bytes;
        try
        {
            bytes = await ReadAtMostAsync(request.Body, maxBytes, cancellationToken);
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel's own refusals while reading: its size limit, a too slow client, a broken chunk.
            return new(JsonRequestBodyProblems.Unreadable(exception));
        }

        if (bytes is null)
        {
            return new(JsonRequestBodyProblems.TooLarge(maxBytes, options.Value.TooLargeAdvice));
        }

        if (bytes.Length == 0)
        {
            return new(JsonRequestBodyProblems.Missing(example));
        }

        // The JSON reader accepts invalid UTF-8 inside strings and fails only when they are read, deep in
        // validation; check the whole body here instead.
        if (!Utf8.IsValid(bytes))
        {
            return new(JsonRequestBodyProblems.NotUtf8(example));
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
            return new(JsonRequestBodyProblems.NotJson(exception, example));
        }
        catch (InvalidOperationException) when (FindUndecodableString(json.Span) is { } namePosition)
        {
            // The duplicate-name check decodes property names, and a lone surrogate escape cannot be decoded.
            return new(JsonRequestBodyProblems.LoneSurrogate(namePosition, example));
        }

        if (FindUndecodableString(json.Span) is { } position)
        {
            return new(JsonRequestBodyProblems.LoneSurrogate(position, example));
        }

        return root.ValueKind == JsonValueKind.Object
            ? new(root, bytes)
            : new(JsonRequestBodyProblems.NotAnObject(root.ValueKind, example));
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

    // Kestrel knows when a request has neither Content-Length nor chunked encoding, i.e. no body at all.
    private static bool CanHaveBody(HttpRequest request) =>
        request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;

    /// <summary>
    /// The body's bytes, or null when it is longer than <paramref name="maxBytes"/>. Counting while reading
    /// also catches chunked bodies, which announce no length.
    /// </summary>
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
