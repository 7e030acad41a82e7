using System.Text.Json;
using AiNow.Contracts;

namespace AiNow.Worker.Inference;

/// <summary>Calls the inference service's <c>POST /v1/embeddings</c> for one chunk of a job's inputs.</summary>
internal sealed class InferenceClient(HttpClient httpClient)
{
    // Enough of an error body to tell what went wrong; it ends up in the job's last_error.
    private const int MaxErrorBodyLength = 500;

    /// <summary>Embeds <paramref name="inputs"/>; the vectors come back in input order.</summary>
    /// <exception cref="InferenceException">Inference answered with an error or with a response that does not fit the request.</exception>
    public async Task<EmbeddedChunk> EmbedAsync(string model, IReadOnlyList<string> inputs, CancellationToken cancellationToken)
    {
        var request = new EmbeddingRequest { Input = JsonSerializer.SerializeToElement(inputs, ContractsJsonContext.Default.IReadOnlyListString), Model = model };
        using var response = await httpClient.PostAsJsonAsync("/v1/embeddings", request, ContractsJsonContext.Default.EmbeddingRequest, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InferenceException(
                $"Inference answered {(int)response.StatusCode} {response.ReasonPhrase}: " +
                (body.Length <= MaxErrorBodyLength ? body : body[..MaxErrorBodyLength]));
        }

        EmbeddingResponse? payload;
        try
        {
            payload = await response.Content.ReadFromJsonAsync(ContractsJsonContext.Default.EmbeddingResponse, cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new InferenceException($"Inference answered with a body that is not an embeddings response: {exception.Message}", exception);
        }

        if (payload?.Data is null || payload.Usage is null)
        {
            throw new InferenceException("Inference answered with an empty embeddings response.");
        }

        if (payload.Data.Count != inputs.Count)
        {
            throw new InferenceException($"Inference returned {payload.Data.Count} vectors for {inputs.Count} inputs.");
        }

        var vectors = new float[inputs.Count][];
        foreach (var item in payload.Data)
        {
            if (item.Index < 0 || item.Index >= vectors.Length || vectors[item.Index] is not null || item.Embedding is null)
            {
                throw new InferenceException($"Inference returned an invalid or repeated vector index {item.Index}.");
            }

            vectors[item.Index] = item.Embedding;
        }

        return new EmbeddedChunk(vectors, payload.Usage.TotalTokens);
    }
}

/// <summary>The vectors of one chunk, in input order, and the tokens inference counted for it.</summary>
internal sealed record EmbeddedChunk(IReadOnlyList<float[]> Vectors, int Tokens);
