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

public sealed class UpstreamModelPolicyTests
{
    [Theory]
    [InlineData("small", null)]
    [InlineData("large", null)]
    [InlineData(null, null)]
    [InlineData("premium", "'model' is 'premium', which this platform does not serve. Use one of 'small', 'large', or leave it out for 'small'.")]
    [InlineData("Small", "'model' is 'Small'")]
    public void FindModelProblem_ConfiguredModels_OnlyThoseAreServed(string? model, string? problem)
    {
        var options = new UpstreamOptions { Model = "small", AllowedModels = ["large", " small "] };

        var found = options.FindModelProblem(model);

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.StartsWith(problem, found, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FindModelProblem_NoModelConfigured_LeavesTheChoiceToTheProvider()
    {
        Assert.Null(new UpstreamOptions().FindModelProblem("anything"));
    }
}
