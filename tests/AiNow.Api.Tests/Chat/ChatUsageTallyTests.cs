using System.Text;
using AiNow.Api.Chat;

namespace AiNow.Api.Tests.Chat;

public sealed class ChatUsageTallyTests
{
    [Theory]
    [InlineData("""{"usage":{"total_tokens":17}}""", 17)]
    [InlineData("""{"usage":{"total_tokens":"17"}}""", 1)]
    [InlineData("""{"usage":{"total_tokens":-3}}""", 1)]
    [InlineData("""{"usage":{"total_tokens":1.5}}""", 1)]
    [InlineData("""{"usage":null}""", 1)]
    [InlineData("""{"usage":[]}""", 1)]
    [InlineData("""[]""", 1)]
    [InlineData("""not json""", 1)]
    public void Observe_AnyBody_NeverThrowsAndFallsBackToEstimate(string body, int expected)
    {
        // Four characters of prompt: one estimated token when no usable usage arrives.
        var tally = new ChatUsageTally(promptCharacters: 4);

        tally.Observe(Encoding.UTF8.GetBytes(body));

        Assert.Equal(expected, tally.Tokens);
    }

    [Fact]
    public void Observe_CompletionWithChoices_CountsEveryChoicesText()
    {
        var tally = new ChatUsageTally(promptCharacters: 3);

        tally.Observe("""{"choices":[{"message":{"content":"abcd"}},{"message":{"content":"ef"}},{"message":{"content":null}}]}"""u8);

        Assert.Equal(6, tally.CompletionCharacters);
        Assert.Equal(3, tally.Tokens);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(4, 1)]
    [InlineData(5, 2)]
    public void EstimateTokens_RoundsUp(long characters, int tokens)
    {
        Assert.Equal(tokens, ChatUsageTally.EstimateTokens(characters));
    }
}
