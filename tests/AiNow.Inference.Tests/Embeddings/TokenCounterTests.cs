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

    [Fact]
    public void Count_TextLongerThanTheModelWindow_IsCappedAtTheWindow()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 2000));

        Assert.Equal(TokenCounter.ModelWindow, model.Tokens.Count(text));
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
