using AiNow.Inference.Embeddings;
using AiNow.Inference.Tests.Support;

namespace AiNow.Inference.Tests.Embeddings;

[Collection(SharedModel.Name)]
public sealed class TokenCounterTests(ModelFixture model)
{
    [Theory]
    // [CLS] and [SEP] are part of every sequence the model reads.
    [InlineData("hello", 3)]
    [InlineData("hello world", 4)]
    // Lower-cased, punctuation split off into its own tokens.
    [InlineData("Hello, World!", 6)]
    // Words outside the vocabulary become several word pieces: token ##ization.
    [InlineData("tokenization", 4)]
    public void Count_Text_CountsTheModelsWordPieces(string text, int expected)
    {
        Assert.Equal(expected, model.Tokens.Count(text));
    }

    [Theory]
    [InlineData("first line\nsecond line", "first line second line")]
    [InlineData("tab\tseparated", "tab separated")]
    [InlineData("Café", "cafe")]
    public void Count_WhitespaceAndAccents_CountLikeTheirCleanForm(string text, string clean)
    {
        Assert.Equal(model.Tokens.Count(clean), model.Tokens.Count(text));
    }

    [Theory]
    [InlineData(TokenCounter.ModelWindow - 2, TokenCounter.ModelWindow, true)]
    [InlineData(TokenCounter.ModelWindow - 1, TokenCounter.PastTheWindow, false)]
    [InlineData(2000, TokenCounter.PastTheWindow, false)]
    public void Count_TextAroundTheModelWindow_CountsUpToOnePastIt(int words, int expected, bool fits)
    {
        // Each "word" is one token, plus [CLS] and [SEP].
        var count = model.Tokens.Count(string.Join(' ', Enumerable.Repeat("word", words)));

        Assert.Equal(expected, count);
        Assert.Equal(fits, TokenCounter.Fits(count));
    }

    [Fact]
    public async Task EmbedAsync_TextPastTheWindow_RefusesNamingItsPosition()
    {
        string[] texts = ["fits", string.Join(' ', Enumerable.Repeat("word", 600)), "fits too"];

        var refused = await Assert.ThrowsAsync<TextTooLongException>(() => model.Embedder.EmbedAsync(texts, CancellationToken.None));

        Assert.Equal(1, refused.Index);
    }

    [Fact]
    public void Count_List_CountsEachTextInOrder()
    {
        Assert.Equal([3, 4], model.Tokens.Count(["hello", "hello world"]));
    }

    [Fact]
    public async Task EmbedAsync_ReportsTheSumOfTheTextsTokens()
    {
        string[] texts = ["hello world", "Tokenization splits rare words.", "ok"];

        var result = await model.Embedder.EmbedAsync(texts, CancellationToken.None);

        Assert.Equal(texts.Sum(model.Tokens.Count), result.TotalTokens);
    }
}
