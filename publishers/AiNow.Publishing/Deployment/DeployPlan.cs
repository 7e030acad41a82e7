using System.Collections.Immutable;

namespace AiNow.Publishing.Deployment;

/// <summary>A Terraform root the plan applies, with the backend file its <c>init</c> reads.</summary>
/// <param name="Folder">The root's folder.</param>
/// <param name="BackendFile">Its <c>backend.hcl</c>.</param>
internal sealed record PlannedRoot(string Folder, string BackendFile);

/// <summary>
/// Everything one deploy does, decided before anything runs: the steps in order with their exact
/// commands, the release kustomizations they apply, the Terraform roots they need, and what the
/// caller's environment must provide. The dry run prints and checks it; the real run executes it.
/// </summary>
/// <param name="Environment">The environment deployed.</param>
/// <param name="Target">The target deployed, <c>global</c> or <c>all</c>.</param>
/// <param name="Release">The release deployed.</param>
/// <param name="Steps">The steps, in order.</param>
/// <param name="Releases">The release kustomization of each target.</param>
/// <param name="Roots">The Terraform roots applied, in order.</param>
/// <param name="Variables">The variables the caller's environment must set (names only).</param>
/// <param name="Prerequisites">What must have been applied before, by someone else (the account's shared roots).</param>
internal sealed record DeployPlan(
    string Environment,
    string Target,
    Release Release,
    ImmutableArray<DeployStep> Steps,
    ImmutableArray<ReleaseKustomization> Releases,
    ImmutableArray<PlannedRoot> Roots,
    ImmutableArray<RequiredVariable> Variables,
    ImmutableArray<string> Prerequisites)
{
    /// <summary>Every program a step runs, in first-use order.</summary>
    public IReadOnlyList<string> Tools => Steps.SelectMany(s => s.Commands).SelectMany(c => c.Tools).Distinct(StringComparer.Ordinal).ToList();
}
