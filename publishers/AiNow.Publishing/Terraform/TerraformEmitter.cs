using AiNow.Publishing.Model;
using AiNow.Publishing.Terraform.Roots;
using AiNow.Publishing.Writing;

namespace AiNow.Publishing.Terraform;

/// <summary>
/// The infrastructure as Terraform (<c>terraform/</c>): the module library written once (shared
/// modules and one folder per provider), per account and region a state bucket root and a root for
/// what the environments share (the registry), and per
/// environment and cloud the roots of each stage, which only wire modules with the environment's
/// values; then each environment's global DNS. Every name comes from <see cref="InfrastructureNaming"/>
/// and the cloud profiles, the same place the Kubernetes output takes them from.
/// </summary>
public sealed class TerraformEmitter : IDeploymentEmitter
{
    /// <inheritdoc />
    public string StepName => "publish-terraform";

    /// <inheritdoc />
    public string? OutputFolder => "terraform";

    /// <inheritdoc />
    public IReadOnlyList<GeneratedFile> Emit(DeploymentModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var roots = Roots(model);
        return ModuleLibrary.Files(RootFiles.Header)
            .Concat(roots.SelectMany(RootFiles.Write))
            .Append(TerraformRunbook.Write(model, roots))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every root, in the order an operator applies them.</summary>
    internal static IReadOnlyList<TerraformRoot> Roots(DeploymentModel model)
    {
        var roots = new List<TerraformRoot>();
        var accounts = model.Environments
            .SelectMany(e => e.Targets.Select(t => (Environment: e, Target: t)))
            .GroupBy(p => TerraformLayout.AccountRoot(p.Target), StringComparer.Ordinal)
            .ToList();
        roots.AddRange(accounts.Select(a => BootstrapRoot.For(model, a.First().Target)).OfType<TerraformRoot>());
        var seenAccounts = new HashSet<(Cloud, string)>();
        roots.AddRange(accounts
            .Select(a => AccountRoot.For(model, a.First().Target, a.Select(p => p.Environment).ToList(), seenAccounts.Add((a.First().Target.Cloud, a.First().Target.Account.AccountId))))
            .OfType<TerraformRoot>());

        foreach (var environment in model.Environments)
        {
            foreach (var target in environment.Targets)
            {
                roots.Add(FoundationRoot.For(model, environment, target));
                roots.Add(AddOnsRoot.For(model, environment, target));
                roots.AddRange(new[] { ClusterConfigRoot.For(model, environment, target), EdgeRoot.For(model, environment, target) }.OfType<TerraformRoot>());
            }

            if (GlobalRoot.For(model, environment) is { } global)
            {
                roots.Add(global);
            }
        }

        return roots;
    }
}
