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
    public void Prepare_Text_MatchesTheOriginalTokenizersCleaning(string text, string expected)
    {
        Assert.Equal(expected, ModelText.Prepare(text));
    }
}
