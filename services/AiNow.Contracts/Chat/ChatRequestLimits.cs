namespace AiNow.Contracts.Chat;

/// <summary>
/// How much one chat completion request may ask of the model. Every choice and every token is paid for
/// upstream, so a tenant's parameters are bounded here rather than left to the model provider.
/// Bound from <c>Api:Chat</c> in the api and <c>Inference:Chat</c> in inference.
/// </summary>
public sealed class ChatRequestLimits
{
    /// <summary>Largest <c>max_tokens</c> / <c>max_completion_tokens</c> a request may ask for.</summary>
    public int MaxTokens { get; set; } = 4096;

    /// <summary>Largest <c>n</c> (choices generated per request); each choice is a whole completion upstream.</summary>
    public int MaxChoices { get; set; } = 4;

    /// <summary>Most messages one request may carry.</summary>
    public int MaxMessages { get; set; } = 256;

    /// <summary>Most characters of message text (all <c>content</c> strings and text parts together) one request may carry.</summary>
    public int MaxMessageCharacters { get; set; } = 200_000;

    /// <summary>What is wrong with these limits, each naming the setting under <paramref name="section"/> and its allowed range.</summary>
    public IReadOnlyList<string> FindProblems(string section)
    {
        var problems = new List<string>();
        Check(problems, $"{section}:{nameof(MaxTokens)}", MaxTokens, 1_000_000);
        Check(problems, $"{section}:{nameof(MaxChoices)}", MaxChoices, 128);
        Check(problems, $"{section}:{nameof(MaxMessages)}", MaxMessages, 100_000);
        Check(problems, $"{section}:{nameof(MaxMessageCharacters)}", MaxMessageCharacters, 100_000_000);
        return problems;
    }

    private static void Check(List<string> problems, string setting, int value, int ceiling)
    {
        if (value < 1 || value > ceiling)
        {
            problems.Add($"{setting} must be between 1 and {ceiling} (it is {value}). Set it in appsettings.json or leave it out for the default.");
        }
    }
}
