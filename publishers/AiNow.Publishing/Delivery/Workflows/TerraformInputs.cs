using System.Text.RegularExpressions;
using AiNow.Publishing.Delivery.Clouds;
using AiNow.Publishing.Model;
using AiNow.Publishing.Terraform;
using AiNow.Publishing.Terraform.Roots;

namespace AiNow.Publishing.Delivery.Workflows;

/// <summary>
/// The Terraform inputs a deploy job must give: the variables of the roots it applies that neither
/// <c>terraform.tfvars</c> nor a default fills (the runbook's "Give:" lists, the same ones the deploy
/// step refuses to run without). Each is read from a variable of the job's GitHub environment named
/// after it (<c>addresses</c>: <c>TF_VAR_addresses</c> from <c>vars.ADDRESSES</c>); none is a secret.
/// </summary>
/// <param name="model">The deployment model, whose roots are built once here.</param>
internal sealed partial class TerraformInputs(DeploymentModel model)
{
    private readonly IReadOnlyList<TerraformRoot> _roots = TerraformEmitter.Roots(model);

    /// <summary>The environment's global DNS root, applied after every target, or null when it has none (no AWS target holds the zone).</summary>
    public TerraformRoot? GlobalRoot(EnvironmentPlan environment) => TerraformApplyOrder.Global(_roots, environment);

    /// <summary>The inputs of <paramref name="target"/>'s stages in <paramref name="environment"/>.</summary>
    public IReadOnlyList<TerraformInput> ForTarget(EnvironmentPlan environment, CloudTarget target)
    {
        var stages = TerraformApplyOrder.Target(_roots, environment, target);
        var given = CloudPipeline.For(target.Cloud, model).InputsTheDeployGives;
        return Of(environment, stages.BeforeOverlay.Concat(stages.AfterOverlay), given);
    }

    /// <summary>The inputs of <paramref name="environment"/>'s global DNS root, or none when it has no such root.</summary>
    public IReadOnlyList<TerraformInput> ForGlobal(EnvironmentPlan environment) =>
        GlobalRoot(environment) is { } root ? Of(environment, [root], []) : [];

    /// <summary>Every input each job of <paramref name="environment"/> reads from its GitHub environment, once per name.</summary>
    /// <exception cref="InvalidOperationException">Two roots of the environment need different inputs of one name, which one GitHub variable cannot hold.</exception>
    public IReadOnlyList<TerraformInput> OfEnvironment(EnvironmentPlan environment)
    {
        var inputs = environment.Targets.SelectMany(t => ForTarget(environment, t)).Concat(ForGlobal(environment)).ToList();
        foreach (var clash in inputs.GroupBy(i => i.Name, StringComparer.Ordinal).Where(g => g.Select(i => i.Cloud).Distinct(StringComparer.Ordinal).Count() > 1))
        {
            throw new InvalidOperationException(
                $"In {environment.Name}, roots of {string.Join(" and ", clash.Select(i => i.Root).Distinct(StringComparer.Ordinal))} both leave '{clash.Key}' to the operator; "
                + $"the jobs share the GitHub environment {environment.Name}, so one variable {clash.First().Setting.Name} cannot give each its own value. Give one of them a value in its terraform.tfvars or rename it.");
        }

        return inputs.DistinctBy(i => i.Name, StringComparer.Ordinal).OrderBy(i => i.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The <c>env:</c> entries that hand <paramref name="inputs"/> to Terraform.</summary>
    public static IEnumerable<(string Key, string Value)> Variables(IEnumerable<TerraformInput> inputs) =>
        inputs.Select(i => ($"TF_VAR_{i.Name}", i.Setting.Reference));

    private static List<TerraformInput> Of(EnvironmentPlan environment, IEnumerable<TerraformRoot> roots, IReadOnlyList<string> given) =>
        roots.SelectMany(root => root.OperatorInputs.Where(name => !given.Contains(name)).Select(name => Input(environment, root, name)))
            .DistinctBy(i => i.Name, StringComparer.Ordinal)
            .ToList();

    private static TerraformInput Input(EnvironmentPlan environment, TerraformRoot root, string name)
    {
        var variable = root.Variables.First(v => v.Name == name);
        var type = TypeLine().Match(variable.Block) is { Success: true } match ? match.Groups["type"].Value : "string";
        // Terraform takes a TF_VAR_ string as it is, but parses any other type's value as HCL.
        var form = type switch
        {
            "string" => string.Empty,
            _ when type.StartsWith("list(", StringComparison.Ordinal) || type.StartsWith("set(", StringComparison.Ordinal) => " Give it as an HCL list: `[\"first\", \"second\"]`.",
            _ => $" Give it as HCL of type `{type}`.",
        };
        var generic = root.Path.Replace($"/{environment.Name}/", "/<environment>/", StringComparison.Ordinal);
        var cloud = root.Path.Split('/') is [_, _, var part, ..] ? part : root.Path;
        var setting = new PipelineSetting(name.ToUpperInvariant(), PipelineSettingKind.Variable,
            $"`TF_VAR_{name}` of `terraform/{generic}`: {variable.Description.TrimEnd('.')}.{form}");
        return new TerraformInput(name, root.Path, cloud, setting);
    }

    [GeneratedRegex(@"^\s*type\s*=\s*(?<type>\S+)", RegexOptions.Multiline)]
    private static partial Regex TypeLine();
}

/// <summary>One Terraform input a deploy job gives.</summary>
/// <param name="Name">The variable's name in the root.</param>
/// <param name="Root">The root's folder under <c>terraform/</c>.</param>
/// <param name="Cloud">The target (<c>onprem</c>) or <c>global</c> the root belongs to.</param>
/// <param name="Setting">The GitHub variable it is read from.</param>
internal sealed record TerraformInput(string Name, string Root, string Cloud, PipelineSetting Setting);
