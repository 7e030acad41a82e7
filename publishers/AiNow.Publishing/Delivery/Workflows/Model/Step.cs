using System.Text.Json.Serialization;

namespace AiNow.Publishing.Delivery.Workflows.Model;

/// <summary>One step: an action (<see cref="Uses"/>) or a shell script (<see cref="Run"/>).</summary>
public sealed record Step
{
    /// <summary>The name shown in the run; for an action it carries the action's version, which the pinned commit hides.</summary>
    public required string Name { get; init; }

    /// <summary>The id later steps read its outputs by, or null.</summary>
    public string? Id { get; init; }

    /// <summary>A condition, or null (the step runs when the ones before succeeded).</summary>
    [JsonPropertyName("if")]
    public string? If { get; init; }

    /// <summary>The action, pinned to a commit (<c>owner/repo@&lt;40 hex&gt;</c>), or null for a script.</summary>
    public string? Uses { get; init; }

    /// <summary>The action's inputs, or null.</summary>
    public IReadOnlyDictionary<string, string>? With { get; init; }

    /// <summary>Variables of this step: the only way a secret reaches a script.</summary>
    public IReadOnlyDictionary<string, string>? Env { get; init; }

    /// <summary>The script (bash, with <c>-e -o pipefail</c>), or null for an action.</summary>
    public string? Run { get; init; }

    /// <summary>True to go on when it fails (its outcome is still reported).</summary>
    [JsonPropertyName("continue-on-error")]
    public bool? ContinueOnError { get; init; }
}
