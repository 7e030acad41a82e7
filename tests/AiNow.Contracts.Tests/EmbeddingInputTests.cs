using System.Text.Json;

namespace AiNow.Contracts.Tests;

public sealed class EmbeddingInputTests
{
    [Theory]
    [InlineData(EmbeddingModel.MaxInputsPerRequest, EmbeddingModel.MaxCharactersPerRequest)]
    [InlineData(EmbeddingModel.MaxInputsPerBatch, EmbeddingModel.MaxCharactersPerBatch)]
    public void TryRead_TextsFillingTheCharacterLimitExactly_AreAccepted(int maxItems, int maxCharacters)
    {
        var texts = TextsTotalling(maxCharacters, EmbeddingModel.MaxInputLength);

        Assert.True(EmbeddingInput.TryRead(Json(texts), maxItems, out var read, out var error), error);
        Assert.Equal(texts.Length, read.Count);
    }

    [Theory]
    [InlineData(EmbeddingModel.MaxInputsPerRequest, EmbeddingModel.MaxCharactersPerRequest, "request")]
    [InlineData(EmbeddingModel.MaxInputsPerBatch, EmbeddingModel.MaxCharactersPerBatch, "batch job")]
    public void TryRead_OneCharacterOverTheTotal_NamesTheLimitTheSizeAndTheTextThatPassedIt(int maxItems, int maxCharacters, string tier)
    {
        string[] texts = [.. TextsTotalling(maxCharacters, EmbeddingModel.MaxInputLength), "x"];

        Assert.False(EmbeddingInput.TryRead(Json(texts), maxItems, out _, out var error));

        Assert.Contains($"holds {maxCharacters + 1} characters in all", error, StringComparison.Ordinal);
        Assert.Contains($"passing the limit of {maxCharacters} at 'input[{texts.Length - 1}]'", error, StringComparison.Ordinal);
        Assert.Contains($"one {tier}", error, StringComparison.Ordinal);
        Assert.Contains("Send fewer or shorter texts", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_OneTextOverItsLength_NamesItsIndexItsSizeAndTheLimit()
    {
        string[] texts = ["short", new string('a', EmbeddingModel.MaxInputLength + 1)];

        Assert.False(EmbeddingInput.TryRead(Json(texts), EmbeddingModel.MaxInputsPerRequest, out _, out var error));

        Assert.StartsWith(
            $"'input[1]' has {EmbeddingModel.MaxInputLength + 1} characters; at most {EmbeddingModel.MaxInputLength} are accepted.",
            error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EmbeddingModel.MaxInputsPerRequest)]
    [InlineData(EmbeddingModel.MaxInputsPerBatch)]
    public void TryRead_OneTextTooMany_NamesTheCountAndTheLimit(int maxItems)
    {
        var texts = Enumerable.Repeat("x", maxItems + 1).ToArray();

        Assert.False(EmbeddingInput.TryRead(Json(texts), maxItems, out _, out var error));

        Assert.StartsWith($"'input' holds {maxItems + 1} texts; at most {maxItems} are accepted", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxTotalCharacters_BatchChunksOfAnAcceptedJob_AreWithinWhatInferenceAccepts()
    {
        // The worker sends an accepted job to inference in chunks, which inference reads with the batch item limit.
        Assert.True(EmbeddingInput.MaxTotalCharacters(EmbeddingModel.MaxInputsPerBatch) >= EmbeddingModel.MaxCharactersPerBatch);
        Assert.True(EmbeddingModel.MaxCharactersPerRequest <= EmbeddingModel.MaxCharactersPerBatch);
    }

    // Texts of at most maxLength characters whose lengths add up to exactly total.
    private static string[] TextsTotalling(int total, int maxLength)
    {
        var texts = new List<string>();
        for (var left = total; left > 0; left -= maxLength)
        {
            texts.Add(new string('t', Math.Min(left, maxLength)));
        }

        return [.. texts];
    }

    private static JsonElement Json(string[] texts) => JsonSerializer.SerializeToElement(texts);
}
