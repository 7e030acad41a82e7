using System.Text.Json.Serialization;

namespace AiNow.Publishing.Delivery.Workflows.Model;

/// <summary>The events that start a workflow; null ones are not listened to.</summary>
public sealed record WorkflowTriggers
{
    /// <summary>Pushes to branches or tags.</summary>
    public PushTrigger? Push { get; init; }

    /// <summary>Pull requests into branches.</summary>
    [JsonPropertyName("pull_request")]
    public BranchFilter? PullRequest { get; init; }

    /// <summary>Times, in UTC cron syntax.</summary>
    public IReadOnlyList<Schedule>? Schedule { get; init; }

    /// <summary>The end of another workflow's run.</summary>
    [JsonPropertyName("workflow_run")]
    public WorkflowRunTrigger? WorkflowRun { get; init; }

    /// <summary>A person starting it by hand (or <c>gh workflow run</c>), with inputs.</summary>
    [JsonPropertyName("workflow_dispatch")]
    public WorkflowDispatch? WorkflowDispatch { get; init; }
}

/// <summary>Pushes to some branches and tags.</summary>
/// <param name="Branches">Branch patterns, or null for none.</param>
/// <param name="Tags">Tag patterns, or null for none.</param>
public sealed record PushTrigger(IReadOnlyList<string>? Branches = null, IReadOnlyList<string>? Tags = null);

/// <summary>Events on some branches.</summary>
/// <param name="Branches">Branch patterns.</param>
public sealed record BranchFilter(IReadOnlyList<string> Branches);

/// <summary>One cron line.</summary>
/// <param name="Cron">Five fields, UTC.</param>
public sealed record Schedule(string Cron);

/// <summary>Runs of other workflows ending.</summary>
/// <param name="Workflows">The other workflows' names.</param>
/// <param name="Types">Which moments (<c>completed</c>).</param>
/// <param name="Branches">The branches the other run ran on.</param>
public sealed record WorkflowRunTrigger(IReadOnlyList<string> Workflows, IReadOnlyList<string> Types, IReadOnlyList<string> Branches);

/// <summary>A manual start and its inputs, by name in the order written.</summary>
/// <param name="Inputs">The inputs, or null for none.</param>
public sealed record WorkflowDispatch(IReadOnlyDictionary<string, DispatchInput>? Inputs = null);

/// <summary>One input of a manual start.</summary>
/// <param name="Description">What to give.</param>
/// <param name="Required">True when it must be given.</param>
/// <param name="Type"><c>string</c>, <c>choice</c>, <c>boolean</c> or <c>environment</c>.</param>
/// <param name="Options">The choices, for <c>choice</c>.</param>
/// <param name="Default">The default, or null.</param>
public sealed record DispatchInput(string Description, bool Required, string Type, IReadOnlyList<string>? Options = null, string? Default = null);
