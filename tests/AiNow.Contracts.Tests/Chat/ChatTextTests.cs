using System.Text.Json.Nodes;
using AiNow.Contracts.Chat;

namespace AiNow.Contracts.Tests.Chat;

public sealed class ChatTextTests
{
    [Theory]
    [InlineData("\"Hello\"", 5)]
    [InlineData("""[{"type":"text","text":"Hel"},{"type":"image_url","image_url":{"url":"http://x/y.png"}},{"type":"text","text":"lo"}]""", 5)]
    [InlineData("""["ab","c",{"type":"image_url"}]""", 3)]
    [InlineData("null", 0)]
    [InlineData("42", 2)]
    [InlineData("""{"a":"b"}""", 9)]
    public void CharactersOf_CountsTextOrTheJsonOfAnOddShape(string content, long expected)
    {
        Assert.Equal(expected, ChatText.CharactersOf(JsonNode.Parse(content)));
    }

    [Fact]
    public void PromptCharacters_SumsEveryMessage()
    {
        var body = JsonNode.Parse("""{"messages":[{"role":"system","content":"abc"},{"role":"user","content":[{"type":"text","text":"de"}]},"junk"]}""")!.AsObject();

        Assert.Equal(5, ChatText.PromptCharacters(body));
    }
}
