using System.Text.Json;
using AiNow.Contracts;

namespace AiNow.Api.Embeddings;

/// <summary>
/// An embeddings answer as the client gets it for <c>encoding_format: float</c>: the response body, ready to send,
/// with what metering needs beside it, so a cached answer is served and charged without reading its vectors.
/// </summary>
/// <param name="Json">The response body: <see cref="EmbeddingResponse"/> as the api writes it.</param>
/// <param name="Items">How many vectors the body holds.</param>
/// <param name="TotalTokens">The tokens the tenant is charged for it.</param>
/// <param name="Response">The vectors, when they are at hand (inference's answer) or have been read from the body.</param>
public sealed record EmbeddingAnswer(string Json, int Items, int TotalTokens, EmbeddingResponse? Response = null)
{
    /// <summary>The answer for a response inference just computed; its vectors stay at hand for the other encodings.</summary>
    public static EmbeddingAnswer From(EmbeddingResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new EmbeddingAnswer(
            JsonSerializer.Serialize(response, ContractsJsonContext.Default.EmbeddingResponse), response.Data.Count, response.Usage.TotalTokens, response);
    }

    /// <summary>
    /// This answer with its vectors, for the encodings that rewrite them (base64): read from the body only when they are
    /// not at hand. Null when the body does not parse, lacks a part, or holds another number of vectors (a damaged cache entry).
    /// </summary>
    public EmbeddingAnswer? WithVectors()
    {
        if (Response is not null)
        {
            return this;
        }

        try
        {
            // The serializer does not enforce the contract's non-null members: a body may read with parts missing.
            return JsonSerializer.Deserialize(Json, ContractsJsonContext.Default.EmbeddingResponse) is { Data: { } data, Usage: not null } read
                && data.Count == Items
                && data.All(item => item?.Embedding is not null && item.ObjectType is not null)
                ? this with { Response = read }
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
