using System.Text.Json.Serialization;

namespace AiNow.Publishing.Delivery.Workflows.Model;

/// <summary>A GitHub Actions workflow (<c>.github/workflows/&lt;name&gt;.yml</c>), in the order GitHub documents its keys.</summary>
public sealed record Workflow
{
    /// <summary>The workflow's name, shown in the Actions tab; other workflows' <c>workflow_run</c> triggers name it.</summary>
    public required string Name { get; init; }

    /// <summary>The events that start it.</summary>
    [JsonPropertyName("on")]
    public required WorkflowTriggers On { get; init; }

    /// <summary>The token's permissions for every job that declares none: read-only or nothing.</summary>
    public required Permissions Permissions { get; init; }

    /// <summary>Which runs may overlap, or null.</summary>
    public Concurrency? Concurrency { get; init; }

    /// <summary>Variables every job sees.</summary>
    public IReadOnlyDictionary<string, string>? Env { get; init; }

    /// <summary>The jobs, by id, in the order they are written.</summary>
    public required IReadOnlyDictionary<string, Job> Jobs { get; init; }
}

/// <summary>At most one run (or job) of a group at a time.</summary>
/// <param name="Group">The group's name, usually with an expression (<c>deploy-production-aws</c>).</param>
/// <param name="CancelInProgress">True to cancel the running one for the newer; false queues the newer (a deploy never stops half-way).</param>
public sealed record Concurrency(
    string Group,
    [property: JsonPropertyName("cancel-in-progress")] bool CancelInProgress);
