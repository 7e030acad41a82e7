using AiNow.Inference.Embeddings;

namespace AiNow.Inference.Tests.Embeddings;

public sealed class ModelTextTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("line one\nline two", "line one line two")]
    [InlineData("  tabs\tand\r\nCRLF  ", "tabs and CRLF")]
    [InlineData("many     spaces", "many spaces")]
    [InlineData("Café crème brûlée", "Cafe creme brulee")]
    [InlineData("a\u0000b\u0007c", "abc")]
    [InlineData("\u0301", "")]
    [InlineData("a\uFFFEb\uFFFF", "ab\uFFFF")]
    [InlineData("pairs \uD83D\uDE00 \uDBFF\uDFFF", "pairs \uD83D\uDE00 \uDBFF\uDFFF")]
    public void Prepare_Text_MatchesTheOriginalTokenizersCleaning(string text, string expected)
    {
        Assert.Equal(expected, ModelText.Prepare(text));
    }

    [Fact]
    public void Prepare_UnpairedSurrogates_AreDroppedAndPairsKept()
    {
        // Built in code: theory data with unpaired surrogates does not survive the runner's serialization.
        var text = "lone " + '\uD800' + " high, lone " + '\uDC00' + " low, pair \uD83D\uDE00";

        Assert.Equal("lone high, lone low, pair \uD83D\uDE00", ModelText.Prepare(text));
    }
}
