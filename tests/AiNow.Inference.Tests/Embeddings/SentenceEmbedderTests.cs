using AiNow.Contracts;
using AiNow.Inference.Embeddings;
using AiNow.Inference.Tests.Support;

namespace AiNow.Inference.Tests.Embeddings;

[Collection(SharedModel.Name)]
public sealed class SentenceEmbedderTests(ModelFixture model)
{
    [Fact]
    public async Task EmbedAsync_Texts_ReturnsOneUnitVectorOfModelDimensionsPerText()
    {
        string[] texts = ["The weather is lovely today.", "x", "Embeddings map text to vectors."];

        var result = await model.Embedder.EmbedAsync(texts, CancellationToken.None);

        Assert.Equal(texts.Length, result.Vectors.Count);
        Assert.All(result.Vectors, vector =>
        {
            Assert.Equal(EmbeddingModel.Dimensions, vector.Length);
            Assert.Equal(1.0, VectorMath.Norm(vector), 4);
            Assert.All(vector, value => Assert.True(float.IsFinite(value)));
        });
    }

    [Theory]
    [InlineData("A cat is sleeping on the sofa.", "A kitten naps on the couch.", "The central bank raised interest rates by half a point.")]
    [InlineData("How do I reset my password?", "I forgot my login password and need to change it.", "The recipe needs two cups of flour and an egg.")]
    [InlineData("The football team won the championship.", "The soccer club took the league title.", "Photosynthesis converts light into chemical energy.")]
    public async Task EmbedAsync_RelatedTexts_ScoreClearlyHigherThanUnrelated(string text, string related, string unrelated)
    {
        var result = await model.Embedder.EmbedAsync([text, related, unrelated], CancellationToken.None);

        var relatedScore = VectorMath.CosineSimilarity(result.Vectors[0], result.Vectors[1]);
        var unrelatedScore = VectorMath.CosineSimilarity(result.Vectors[0], result.Vectors[2]);

        // Measured with this model: related pairs score 0.56-0.78, unrelated ones -0.03-0.12.
        Assert.True(relatedScore > 0.45, $"related similarity {relatedScore:F3} should exceed 0.45");
        Assert.True(unrelatedScore < 0.25, $"unrelated similarity {unrelatedScore:F3} should stay below 0.25");
        Assert.True(relatedScore - unrelatedScore > 0.3, $"margin {relatedScore - unrelatedScore:F3} should exceed 0.3");
    }

    [Fact]
    public async Task EmbedAsync_SameText_GivesSameVector()
    {
        var result = await model.Embedder.EmbedAsync(["Deterministic output.", "Deterministic output."], CancellationToken.None);

        Assert.Equal(1.0, VectorMath.CosineSimilarity(result.Vectors[0], result.Vectors[1]), 5);
    }

    [Fact]
    public async Task EmbedAsync_ManyTextsOfMixedLength_KeepsInputOrder()
    {
        // More texts than one model slice, in an order their lengths would not sort into.
        var texts = Enumerable.Range(0, 40)
            .Select(i => i % 3 == 0
                ? $"Item {i}: a considerably longer sentence about gardening, soil, compost and watering schedules."
                : $"Item {i} is about chess.")
            .ToArray();

        var batch = await model.Embedder.EmbedAsync(texts, CancellationToken.None);

        foreach (var index in new[] { 0, 1, 17, 33, 39 })
        {
            var single = await model.Embedder.EmbedAsync([texts[index]], CancellationToken.None);
            Assert.Equal(1.0, VectorMath.CosineSimilarity(single.Vectors[0], batch.Vectors[index]), 4);
        }
    }

    [Fact]
    public async Task EmbedAsync_MultiLineText_EmbedsLikeTheSameWordsOnOneLine()
    {
        var result = await model.Embedder.EmbedAsync(
            ["Invoices are due\nwithin thirty days.", "Invoices are due within thirty days."], CancellationToken.None);

        Assert.Equal(1.0, VectorMath.CosineSimilarity(result.Vectors[0], result.Vectors[1]), 4);
    }

    [Fact]
    public async Task EmbedAsync_TextThatCleansToNothing_StillGetsAUnitVector()
    {
        var result = await model.Embedder.EmbedAsync(["\u0301"], CancellationToken.None);

        Assert.Equal(1.0, VectorMath.Norm(result.Vectors[0]), 4);
    }

    [Fact]
    public async Task EmbedAsync_NoTexts_ReturnsNothing()
    {
        var result = await model.Embedder.EmbedAsync([], CancellationToken.None);

        Assert.Empty(result.Vectors);
        Assert.Equal(0, result.TotalTokens);
    }

    [Fact]
    public async Task EmbedAsync_CancelledToken_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => model.Embedder.EmbedAsync(["never encoded"], cancelled.Token));
    }

    [Fact]
    public async Task EmbedAsync_ConcurrentCallers_AllGetCorrectVectors()
    {
        var expected = await model.Embedder.EmbedAsync(["parallel request"], CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() => model.Embedder.EmbedAsync(["parallel request"], CancellationToken.None))));

        Assert.All(results, result =>
            Assert.Equal(1.0, VectorMath.CosineSimilarity(expected.Vectors[0], result.Vectors[0]), 5));
    }
}
