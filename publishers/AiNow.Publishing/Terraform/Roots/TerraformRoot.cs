using AiNow.Publishing.Terraform.Hcl;

namespace AiNow.Publishing.Terraform.Roots;

/// <summary>A module a root calls, with each argument's expression (<c>var.x</c>, <c>module.y.z</c>).</summary>
/// <param name="Name">The call's name (<c>foundation</c>).</param>
/// <param name="Module">The module folder under <c>modules/</c> (<c>aws/foundation</c>).</param>
/// <param name="Arguments">The arguments, in the order they are written.</param>
internal sealed record ModuleCall(string Name, string Module, IReadOnlyList<KeyValuePair<string, HclExpression>> Arguments);

/// <summary>
/// One root configuration: a stage of one environment on one cloud (or an environment's global
/// DNS, or an account's state bucket). It only wires modules: providers, the state backend, module
/// calls, variables with their values in <c>terraform.tfvars</c>, and the outputs re-exported.
/// </summary>
/// <param name="Path">The folder under <c>terraform/</c> (<c>environments/production/aws/1-foundation</c>).</param>
/// <param name="Purpose">What the root builds, one line, for the runbook.</param>
/// <param name="Providers">The providers it needs, pinned.</param>
/// <param name="Backend">Where its state lives, or null for local state (the state buckets' own bootstrap).</param>
/// <param name="ProviderBlocks">The <c>provider</c> configurations.</param>
/// <param name="DataBlocks">Data sources (other roots' state).</param>
/// <param name="Modules">The module calls.</param>
/// <param name="Variables">The variable blocks, in order.</param>
/// <param name="Values">The values <c>terraform.tfvars</c> gives; variables without one are the operator's to provide.</param>
/// <param name="Outputs">The output blocks.</param>
/// <param name="Files">Files beside the configuration that it reads (<c>file("${path.module}/...")</c>): published configurations handed to a chart whole.</param>
internal sealed record TerraformRoot(
    string Path,
    string Purpose,
    IReadOnlyList<TerraformProvider> Providers,
    StateBackend? Backend,
    IReadOnlyList<HclBlock> ProviderBlocks,
    IReadOnlyList<HclBlock> DataBlocks,
    IReadOnlyList<ModuleCall> Modules,
    IReadOnlyList<ModuleVariable> Variables,
    IReadOnlyList<KeyValuePair<string, HclExpression>> Values,
    IReadOnlyList<HclBlock> Outputs,
    IReadOnlyList<RootFile> Files)
{
    /// <summary>The variables that <c>terraform.tfvars</c> leaves to the operator (no value, no default).</summary>
    public IEnumerable<string> OperatorInputs =>
        Variables.Where(v => !v.HasDefault && Values.All(value => value.Key != v.Name)).Select(v => v.Name);
}

/// <summary>A file a root reads, written beside its configuration as given (it carries its own generated header).</summary>
/// <param name="Name">The file's name in the root's folder.</param>
/// <param name="Content">Its content.</param>
internal sealed record RootFile(string Name, string Content)
{
    /// <summary>The expression that reads it from the root's folder: <c>file("${path.module}/name")</c>.</summary>
    public HclCall Read() => new("file", new HclTemplate([new HclReference("path.module"), "/" + Name]));
}
