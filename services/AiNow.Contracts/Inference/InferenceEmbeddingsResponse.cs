namespace AiNow.Contracts.Inference;

/// <summary>
/// Checks that an embeddings answer fits its request (one vector per input, each index once, usage present) and puts
/// the vectors in input order: OpenAI's shape places vectors by <c>index</c>, not by position.
/// </summary>
public static class InferenceEmbeddingsResponse
{
    /// <summary>The response with <c>Data[i].Index == i</c> for every input.</summary>
    /// <exception cref="InferenceCallException">With <see cref="InferenceFailureKind.InvalidResponse"/>: the answer does not fit.</exception>
    public static EmbeddingResponse InInputOrder(EmbeddingResponse? response, string model, int inputCount)
    {
        if (response?.Data is null || response.Usage is null)
        {
            throw Invalid("Inference answered without 'data' or 'usage'.");
        }

        if (response.Data.Count != inputCount)
        {
            throw Invalid($"Inference returned {response.Data.Count} vectors for {inputCount} inputs.");
        }

        if (response.Usage.TotalTokens < 0 || response.Usage.PromptTokens < 0)
        {
            throw Invalid($"Inference counted a negative number of tokens ({response.Usage.TotalTokens}).");
        }

        var ordered = new EmbeddingItem[inputCount];
        foreach (var item in response.Data)
        {
            if (item is null)
            {
                throw Invalid("Inference returned a null item in 'data'.");
            }

            if (item.Index < 0 || item.Index >= inputCount || ordered[item.Index] is not null)
            {
                throw Invalid($"Inference returned an invalid or repeated vector index {item.Index} for {inputCount} inputs.");
            }

            if (item.Embedding is null || item.Embedding.Length == 0)
            {
                throw Invalid($"Inference returned no vector for index {item.Index}.");
            }

            ordered[item.Index] = item with { ObjectType = item.ObjectType ?? "embedding" };
        }

        return new EmbeddingResponse(response.ObjectType ?? "list", ordered, response.Model ?? model, response.Usage);
    }

    private static InferenceCallException Invalid(string message) => new(InferenceFailureKind.InvalidResponse, message);
}
