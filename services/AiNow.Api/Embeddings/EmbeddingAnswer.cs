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
public sealed record EmbeddingAnswer(string Json, int Items, int TotalTokens)
{
    /// <summary>The answer for a response inference just computed.</summary>
    public static EmbeddingAnswer From(EmbeddingResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new EmbeddingAnswer(
            JsonSerializer.Serialize(response, ContractsJsonContext.Default.EmbeddingResponse), response.Data.Count, response.Usage.TotalTokens);
    }

    /// <summary>The vectors themselves, for the encodings that rewrite them (base64); null when the body does not parse.</summary>
    public EmbeddingResponse? ReadResponse()
    {
        try
        {
            return JsonSerializer.Deserialize(Json, ContractsJsonContext.Default.EmbeddingResponse);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
