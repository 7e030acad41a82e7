using AiNow.Contracts.Chat;

namespace AiNow.Contracts.Tests.Chat;

public sealed class ChatRequestLimitsTests
{
    [Fact]
    public void FindProblems_Defaults_HasNone()
    {
        Assert.Empty(new ChatRequestLimits().FindProblems("Api:Chat"));
    }

    [Fact]
    public void FindProblems_OutOfRange_NamesEachSettingAndItsRange()
    {
        var limits = new ChatRequestLimits { MaxTokens = 0, MaxChoices = 1000, MaxMessages = -1, MaxMessageCharacters = 1 };

        var problems = limits.FindProblems("Inference:Chat");

        Assert.Equal(3, problems.Count);
        Assert.Contains("Inference:Chat:MaxTokens must be between 1 and 1000000 (it is 0).", problems[0], StringComparison.Ordinal);
        Assert.Contains("Inference:Chat:MaxChoices must be between 1 and 128 (it is 1000).", problems[1], StringComparison.Ordinal);
        Assert.Contains("Inference:Chat:MaxMessages must be between 1 and 100000 (it is -1).", problems[2], StringComparison.Ordinal);
    }
}
