using AiNow.Contracts.Chat;
using Microsoft.Extensions.Options;

namespace AiNow.Inference.Security;

/// <summary>The inference service's own settings, bound from the <c>Inference</c> configuration section.</summary>
public sealed class InferenceOptions
{
    public const string SectionName = "Inference";

    /// <summary>The key api and worker sign their calls with (the <c>tenant-signing-key</c> parameter).</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>What one chat completion request may ask of the model (<c>Inference:Chat</c>).</summary>
    public ChatRequestLimits Chat { get; set; } = new();
}

/// <summary>Fails start-up naming the setting, rather than refusing every call later.</summary>
internal sealed class InferenceOptionsValidator : IValidateOptions<InferenceOptions>
{
    public ValidateOptionsResult Validate(string? name, InferenceOptions options)
    {
        var failures = new List<string>();
        if (options.SigningKey.Length < 16)
        {
            failures.Add(
                $"Inference:SigningKey must hold at least 16 characters (it has {options.SigningKey.Length}). " +
                "Set the secret parameter 'tenant-signing-key' (Parameters__tenant-signing-key); api and worker sign their calls with it.");
        }

        failures.AddRange(options.Chat.FindProblems($"{InferenceOptions.SectionName}:{nameof(InferenceOptions.Chat)}"));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
