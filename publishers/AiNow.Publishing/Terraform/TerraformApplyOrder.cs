using AiNow.Publishing.Model;
using AiNow.Publishing.Terraform.Roots;

namespace AiNow.Publishing.Terraform;

/// <summary>The roots of one environment on one target, split where the Kubernetes overlay is applied.</summary>
/// <param name="BeforeOverlay">The stages the overlay needs (foundation, add-ons, cluster configuration), in order.</param>
/// <param name="AfterOverlay">The stages that need the overlay applied first (the edge).</param>
internal sealed record TargetRoots(IReadOnlyList<TerraformRoot> BeforeOverlay, IReadOnlyList<TerraformRoot> AfterOverlay);

/// <summary>
/// The one order in which Terraform roots are applied, read by the runbook (<c>terraform/README.md</c>)
/// and by the deploy step: state buckets, then what an account's environments share, then per
/// environment and target the stages before the overlay, the overlay, the stages after it, and last
/// the environment's global DNS once every target serves.
/// </summary>
internal static class TerraformApplyOrder
{
    /// <summary>The state buckets' roots (local state), once per account and region.</summary>
    public static IEnumerable<TerraformRoot> StateBuckets(IReadOnlyList<TerraformRoot> roots) =>
        roots.Where(r => r.Backend is null);

    /// <summary>What the environments of an account share, once per account and region.</summary>
    public static IEnumerable<TerraformRoot> Accounts(IReadOnlyList<TerraformRoot> roots) =>
        roots.Where(r => r.Path.StartsWith("accounts/", StringComparison.Ordinal));

    /// <summary>The shared root of <paramref name="target"/>'s account and region, or null when it has none (a site).</summary>
    public static TerraformRoot? Account(IReadOnlyList<TerraformRoot> roots, CloudTarget target) =>
        roots.FirstOrDefault(r => r.Path == TerraformLayout.AccountRoot(target));

    /// <summary>The stages of <paramref name="environment"/> on <paramref name="target"/>, in stage order, split at the overlay.</summary>
    public static TargetRoots Target(IReadOnlyList<TerraformRoot> roots, EnvironmentPlan environment, CloudTarget target)
    {
        var stages = Enum.GetValues<TerraformStage>()
            .Select(stage => (Stage: stage, Root: roots.FirstOrDefault(r => r.Path == TerraformLayout.Root(environment, target, stage))))
            .Where(s => s.Root is not null)
            .ToList();
        return new TargetRoots(
            stages.Where(s => s.Stage != TerraformStage.Edge).Select(s => s.Root!).ToList(),
            stages.Where(s => s.Stage == TerraformStage.Edge).Select(s => s.Root!).ToList());
    }

    /// <summary>The environment's global DNS root, applied after every target, or null when it has none.</summary>
    public static TerraformRoot? Global(IReadOnlyList<TerraformRoot> roots, EnvironmentPlan environment) =>
        roots.FirstOrDefault(r => r.Path == TerraformLayout.GlobalRoot(environment));
}
