using AiNow.Inference.Embeddings;
using AiNow.Inference.Tests.Support;

namespace AiNow.Inference.Tests.Embeddings.Reference;

/// <summary>
/// The service's vectors agree with all-MiniLM-L6-v2 as an independent implementation computes it (its own
/// tokenizer and mean pooling), so a regression in text preparation, tokenization or pooling cannot pass.
/// </summary>
[Collection(SharedModel.Name)]
public sealed class ReferenceEmbeddingsTests(ModelFixture model)
{
    /// <summary>The same model in float32 on both sides: only rounding separates the vectors.</summary>
    private const double MinimumSimilarity = 0.999;

    public static TheoryData<string> Texts => [.. ReferenceEmbeddings.All.Select(reference => reference.Text)];

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task EmbedAsync_AFixedText_MatchesTheReferenceVector(string text)
    {
        var result = await model.Embedder.EmbedAsync([text], CancellationToken.None);

        AssertMatches(ReferenceEmbeddings.For(text), result.Vectors[0]);
    }

    [Fact]
    public async Task EmbedAsync_TheFixedTextsInOneBatch_EachMatchesItsReferenceVector()
    {
        // One call pads the shorter texts to the longest: padding must not leak into the pooled vectors.
        var references = ReferenceEmbeddings.All;

        var result = await model.Embedder.EmbedAsync([.. references.Select(reference => reference.Text)], CancellationToken.None);

        for (var i = 0; i < references.Count; i++)
        {
            AssertMatches(references[i], result.Vectors[i]);
        }
    }

    private static void AssertMatches(ReferenceEmbedding reference, float[] vector)
    {
        var similarity = VectorMath.CosineSimilarity(vector.AsSpan(0, reference.Vector.Length), reference.Vector);
        Assert.True(similarity >= MinimumSimilarity,
            $"'{reference.Text}': cosine similarity {similarity:F5} to the reference vector ({reference.Source}) is below {MinimumSimilarity}.");
    }
}
