using System.Text.Json.Serialization;

namespace AiNow.Publishing.Delivery.Workflows.Model;

/// <summary>One job: where it runs, what it may do, and its steps.</summary>
public sealed record Job
{
    /// <summary>The name shown in the run.</summary>
    public required string Name { get; init; }

    /// <summary>Jobs that must succeed first, or null.</summary>
    public IReadOnlyList<string>? Needs { get; init; }

    /// <summary>A condition on the job, or null.</summary>
    [JsonPropertyName("if")]
    public string? If { get; init; }

    /// <summary>A hosted runner label (<c>ubuntu-24.04</c>) or a <see cref="RunnerGroup"/>.</summary>
    [JsonPropertyName("runs-on")]
    public required object RunsOn { get; init; }

    /// <summary>The GitHub environment it deploys to (its secrets, variables and protection rules), or null.</summary>
    public JobEnvironment? Environment { get; init; }

    /// <summary>The token's permissions in this job: exactly what its steps use.</summary>
    public required Permissions Permissions { get; init; }

    /// <summary>Which runs of this job may overlap, or null.</summary>
    public Concurrency? Concurrency { get; init; }

    /// <summary>How long it may run before GitHub cancels it.</summary>
    [JsonPropertyName("timeout-minutes")]
    public required int TimeoutMinutes { get; init; }

    /// <summary>A matrix, or null.</summary>
    public Strategy? Strategy { get; init; }

    /// <summary>Values later jobs read through <c>needs.&lt;id&gt;.outputs</c>, or null.</summary>
    public IReadOnlyDictionary<string, string>? Outputs { get; init; }

    /// <summary>Variables every step sees, or null.</summary>
    public IReadOnlyDictionary<string, string>? Env { get; init; }

    /// <summary>The steps, in order.</summary>
    public required IReadOnlyList<Step> Steps { get; init; }
}

/// <summary>Self-hosted runners of a group, e.g. the ones inside a site that reach its registry and cluster.</summary>
/// <param name="Group">The runner group.</param>
/// <param name="Labels">Labels a runner of the group must carry.</param>
public sealed record RunnerGroup(string Group, IReadOnlyList<string> Labels);

/// <summary>A GitHub environment a job deploys to.</summary>
/// <param name="Name">The environment (<c>production</c>); its protection rules (required reviewers) gate the job.</param>
/// <param name="Url">The address shown on the deployment, or null.</param>
public sealed record JobEnvironment(string Name, string? Url = null);

/// <summary>A matrix of job variants.</summary>
/// <param name="Matrix">Each variable and its values (or an expression giving them).</param>
/// <param name="FailFast">False lets the other variants finish when one fails.</param>
public sealed record Strategy(
    IReadOnlyDictionary<string, object> Matrix,
    [property: JsonPropertyName("fail-fast")] bool FailFast);
