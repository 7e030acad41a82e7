using System.Buffers.Binary;
using System.Text.Json.Serialization;
using AiNow.Api.Http;
using AiNow.Contracts;

namespace AiNow.Api.Embeddings;

/// <summary>Shapes an <see cref="EmbeddingAnswer"/> for the encoding the client asked for.</summary>
public static class EmbeddingResponseWriter
{
    /// <summary>
    /// The answer's body as it is for floats, whether it came from inference or the cache; vectors as base64
    /// strings otherwise, from the vectors at hand (parsed once, for a cached answer).
    /// </summary>
    public static IResult Write(EmbeddingAnswer answer, EmbeddingEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (encoding == EmbeddingEncoding.Numbers)
        {
            return new JsonBodyResult(answer.Json);
        }

        // The service hands over base64 answers with their vectors read (a damaged entry went back through inference).
        var response = answer.WithVectors()?.Response
            ?? throw new InvalidOperationException("The embeddings answer kept for this request does not parse as an embeddings response.");
        return TypedResults.Json(
            new Base64EmbeddingResponse(
                response.ObjectType,
                [.. response.Data.Select(item => new Base64EmbeddingItem(item.ObjectType, item.Index, ToBase64(item.Embedding)))],
                response.Model,
                response.Usage),
            ApiJsonContext.Default.Base64EmbeddingResponse);
    }

    /// <summary>Little-endian float32 bytes, base64-encoded (OpenAI's <c>encoding_format: base64</c>).</summary>
    public static string ToBase64(float[] vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return Convert.ToBase64String(bytes);
    }

    internal sealed record Base64EmbeddingResponse(
        [property: JsonPropertyName("object")] string ObjectType,
        [property: JsonPropertyName("data")] IReadOnlyList<Base64EmbeddingItem> Data,
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("usage")] EmbeddingUsage Usage);

    internal sealed record Base64EmbeddingItem(
        [property: JsonPropertyName("object")] string ObjectType,
        [property: JsonPropertyName("index")] int Index,
        [property: JsonPropertyName("embedding")] string Embedding);
}
