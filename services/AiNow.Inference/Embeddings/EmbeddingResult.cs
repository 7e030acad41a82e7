namespace AiNow.Inference.Embeddings;

/// <summary>Unit-length vectors for a list of texts, in input order, and the tokens the model processed.</summary>
public sealed record EmbeddingResult(IReadOnlyList<float[]> Vectors, int TotalTokens);
