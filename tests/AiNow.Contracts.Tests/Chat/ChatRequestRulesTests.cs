using System.Text.Json.Nodes;
using AiNow.Contracts.Chat;

namespace AiNow.Contracts.Tests.Chat;

public sealed class ChatRequestRulesTests
{
    private static readonly ChatRequestLimits Limits = new() { MaxTokens = 100, MaxChoices = 2, MaxMessages = 3, MaxMessageCharacters = 20 };

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"Hello"}]}""")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":null}],"stream":true,"stream_options":{"include_usage":false}}""")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"text","text":"Hello"},{"type":"image_url","image_url":{"url":"x"}}]}]}""")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}],"max_tokens":100,"max_completion_tokens":1,"n":2,"temperature":3}""")]
    [InlineData("""{"messages":[{"role":"system","content":"0123456789"},{"role":"user","content":"0123456789"}]}""")]
    [InlineData("""{"messages":[{"role":"user","content":{"odd":"shape"}}]}""")]
    public void FindProblem_WithinRules_IsNull(string body)
    {
        Assert.Null(ChatRequestRules.FindProblem(Parse(body), Limits));
    }

    [Theory]
    [InlineData("""{}""", "'messages' is required")]
    [InlineData("""{"messages":null}""", "'messages' is required")]
    [InlineData("""{"messages":"Hello"}""", "'messages' must be an array of {\"role\", \"content\"} objects, not a string.")]
    [InlineData("""{"messages":[]}""", "'messages' must hold at least one message.")]
    [InlineData("""{"messages":["Hello"]}""", "'messages[0]' must be an object with 'role' and 'content', not a string.")]
    [InlineData("""{"messages":[{"content":"Hi"}]}""", "'messages[0].role' is required and must be a string")]
    [InlineData("""{"model":4,"messages":[{"role":"user","content":"Hi"}]}""", "'model' must be a string, not a number.")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}],"stream":"yes"}""", "'stream' must be true or false, not a string.")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}],"stream_options":true}""", "'stream_options' must be an object")]
    public void FindProblem_MalformedBody_NamesTheField(string body, string expected)
    {
        Assert.Contains(expected, ChatRequestRules.FindProblem(Parse(body), Limits), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}],"max_tokens":101}""", "'max_tokens' is 101, above the limit of 100 tokens per answer. Ask for 100 or fewer")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}],"max_completion_tokens":5000}""", "'max_completion_tokens' is 5000, above the limit of 100")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}],"max_tokens":"50"}""", "'max_tokens' must be a whole number from 1 to 100, not a string.")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}],"max_tokens":1.5}""", "'max_tokens' must be a whole number from 1 to 100, not 1.5.")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}],"max_tokens":0}""", "'max_tokens' must be a whole number from 1 to 100, not 0.")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}],"max_tokens":1e30}""", "'max_tokens' must be a whole number from 1 to 100")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}],"n":3}""", "'n' is 3, above the limit of 2 choices per request. Ask for 2 or fewer")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}],"n":true}""", "'n' must be a whole number from 1 to 2, not a boolean.")]
    [InlineData("""{"messages":[{"role":"a","content":"1"},{"role":"a","content":"2"},{"role":"a","content":"3"},{"role":"a","content":"4"}]}""", "'messages' holds 4 messages, above the limit of 3")]
    [InlineData("""{"messages":[{"role":"user","content":"0123456789"},{"role":"user","content":[{"type":"text","text":"0123456789X"}]}]}""", "'messages' hold 21 characters of text, above the limit of 20")]
    [InlineData("""{"messages":[{"role":"user","content":{"text":"012345678901234567890"}}]}""", "'messages' hold 32 characters of text, above the limit of 20")]
    public void FindProblem_BeyondLimits_NamesFieldLimitAndFix(string body, string expected)
    {
        Assert.Contains(expected, ChatRequestRules.FindProblem(Parse(body), Limits), StringComparison.Ordinal);
    }

    [Fact]
    public void FindProblem_DefaultLimits_AllowFourChoicesAndRefuseFive()
    {
        var limits = new ChatRequestLimits();

        Assert.Null(ChatRequestRules.FindProblem(Parse("""{"messages":[{"role":"user","content":"Hi"}],"n":4,"max_tokens":4096}"""), limits));
        Assert.NotNull(ChatRequestRules.FindProblem(Parse("""{"messages":[{"role":"user","content":"Hi"}],"n":5}"""), limits));
        Assert.NotNull(ChatRequestRules.FindProblem(Parse("""{"messages":[{"role":"user","content":"Hi"}],"max_tokens":4097}"""), limits));
    }

    [Theory]
    [InlineData("""{"stream":true}""", true)]
    [InlineData("""{"stream":false}""", false)]
    [InlineData("""{}""", false)]
    public void IsStreamed_ReadsStreamFlag(string body, bool expected)
    {
        Assert.Equal(expected, ChatRequestRules.IsStreamed(Parse(body)));
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
