using AiNow.Inference.Chat;

namespace AiNow.Inference.Tests.Chat;

public sealed class UpstreamOptionsTests
{
    [Theory]
    [InlineData("https://llm.example/v1", "https://llm.example/v1/chat/completions")]
    [InlineData("https://llm.example/v1/", "https://llm.example/v1/chat/completions")]
    [InlineData(" http://localhost:11434/v1 ", "http://localhost:11434/v1/chat/completions")]
    [InlineData("https://llm.example/v1/chat/completions", "https://llm.example/v1/chat/completions")]
    public void TryGetChatCompletionsUri_Endpoint_AppendsChatCompletions(string endpoint, string expected)
    {
        var options = new UpstreamOptions { Endpoint = endpoint };

        Assert.True(options.TryGetChatCompletionsUri(out var uri, out _));
        Assert.Equal(new Uri(expected), uri);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void TryGetChatCompletionsUri_NoEndpoint_ExplainsHowToConfigure(string? endpoint)
    {
        var options = new UpstreamOptions { Endpoint = endpoint };

        Assert.False(options.TryGetChatCompletionsUri(out _, out var error));
        Assert.Equal(UpstreamOptions.NotConfiguredError, error);
    }

    [Theory]
    [InlineData("llm.example/v1")]
    [InlineData("ftp://llm.example/v1")]
    [InlineData("not a url")]
    public void TryGetChatCompletionsUri_InvalidEndpoint_NamesTheBadValue(string endpoint)
    {
        var options = new UpstreamOptions { Endpoint = endpoint };

        Assert.False(options.TryGetChatCompletionsUri(out _, out var error));
        Assert.Contains(endpoint, error, StringComparison.Ordinal);
        Assert.Contains("llm-endpoint", error, StringComparison.Ordinal);
    }
}
