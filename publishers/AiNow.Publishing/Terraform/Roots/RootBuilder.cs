using AiNow.Publishing.Terraform.Hcl;

namespace AiNow.Publishing.Terraform.Roots;

/// <summary>
/// Builds a <see cref="TerraformRoot"/>: a module's variables given values here become root variables
/// (declared with the module's own block) set in <c>terraform.tfvars</c>; arguments wired to other
/// expressions are written in the call; required variables given neither are declared for the
/// operator to provide.
/// </summary>
/// <param name="path">The root's folder.</param>
/// <param name="purpose">What it builds.</param>
/// <param name="backend">Its state backend, or null for local state.</param>
internal sealed class RootBuilder(string path, string purpose, StateBackend? backend)
{
    private readonly List<TerraformProvider> providers = [];
    private readonly List<HclBlock> providerBlocks = [];
    private readonly List<HclBlock> dataBlocks = [];
    private readonly List<ModuleCall> modules = [];
    private readonly List<ModuleVariable> variables = [];
    private readonly List<KeyValuePair<string, HclExpression>> values = [];
    private readonly List<HclBlock> outputs = [];
    private readonly List<RootFile> files = [];

    /// <summary>Pins <paramref name="provider"/> and configures it with <paramref name="body"/> (none: its defaults and environment).</summary>
    public RootBuilder Provider(TerraformProvider provider, params HclBodyItem[] body)
    {
        providers.Add(provider);
        if (body.Length > 0)
        {
            providerBlocks.Add(new HclBlock("provider", [provider.Name], body));
        }

        return this;
    }

    /// <summary>
    /// The AWS provider in <c>var.region</c>, refusing any account but <paramref name="accountId"/>: the
    /// names and ARNs in this root's values are that account's, and a plan run with another
    /// profile fails before it touches anything.
    /// </summary>
    public RootBuilder AwsProvider(string accountId) =>
        Provider(TerraformProviders.Aws, new HclArgument("region", new HclReference("var.region")), new HclArgument("allowed_account_ids", HclValues.Strings([accountId])));

    /// <summary>The Google provider in <c>var.project</c> and <c>var.region</c>.</summary>
    public RootBuilder GoogleProvider() =>
        Provider(TerraformProviders.Google, new HclArgument("project", new HclReference("var.project")), new HclArgument("region", new HclReference("var.region")));

    /// <summary>
    /// Output <paramref name="output"/> of another root's state, read once per root as
    /// <c>data.terraform_remote_state.&lt;name&gt;</c> with that root's own backend settings.
    /// </summary>
    public HclReference StateOutput(string name, StateBackend state, string output)
    {
        if (!dataBlocks.Any(b => b.Labels[^1] == name))
        {
            dataBlocks.Add(new HclBlock("data", ["terraform_remote_state", name],
            [
                new HclArgument("backend", state.Type),
                new HclArgument("config", state.AsObject()),
            ]));
        }

        return new HclReference($"data.terraform_remote_state.{name}.outputs.{output}");
    }

    /// <summary>
    /// Calls <paramref name="module"/> as <paramref name="name"/>: <paramref name="values"/> become root
    /// variables set in tfvars; <paramref name="wired"/> are written in the call as given.
    /// </summary>
    public RootBuilder Module(string name, string module, IEnumerable<KeyValuePair<string, HclExpression>> values, IEnumerable<KeyValuePair<string, HclExpression>>? wired = null)
    {
        var given = values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var direct = (wired ?? []).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var arguments = new List<KeyValuePair<string, HclExpression>>();
        foreach (var variable in ModuleLibrary.Variables(module))
        {
            if (direct.Remove(variable.Name, out var expression))
            {
                arguments.Add(new(variable.Name, expression));
                continue;
            }

            if (given.Remove(variable.Name, out var value))
            {
                Declare(variable, value);
            }
            else if (variable.HasDefault)
            {
                continue;
            }
            else
            {
                Declare(variable, null);
            }

            arguments.Add(new(variable.Name, new HclReference("var." + variable.Name)));
        }

        var unknown = given.Keys.Concat(direct.Keys).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"Module '{module}' has no variable {string.Join(", ", unknown.Select(u => $"'{u}'"))}; the root {path} passes it.");
        }

        modules.Add(new ModuleCall(name, module, arguments));
        return this;
    }

    /// <summary>Declares a root-only variable (a provider setting) with its value, or none for the operator to provide.</summary>
    public RootBuilder Variable(string name, string type, string description, HclExpression? value)
    {
        var block = $"variable \"{name}\" {{\n  description = {HclWriter.Quote(description)}\n  type        = {type}\n}}\n";
        Declare(new ModuleVariable(name, block, HasDefault: false, description), value);
        return this;
    }

    /// <summary>Re-exports every non-sensitive output of the module called <paramref name="name"/>.</summary>
    public RootBuilder ExportOutputs(string name, string module)
    {
        foreach (var output in ModuleLibrary.Outputs(module).Where(o => !o.Sensitive))
        {
            outputs.Add(new HclBlock("output", [output.Name],
            [
                new HclArgument("description", output.Description),
                new HclArgument("value", new HclReference($"module.{name}.{output.Name}")),
            ]));
        }

        return this;
    }

    /// <summary>Writes <paramref name="name"/> beside the configuration and returns the expression that reads it.</summary>
    public HclCall File(string name, string content)
    {
        if (files.Any(f => f.Name == name))
        {
            throw new InvalidOperationException($"Root {path} writes '{name}' twice.");
        }

        var file = new RootFile(name, content);
        files.Add(file);
        return file.Read();
    }

    public TerraformRoot Build() =>
        new(path, purpose, providers.OrderBy(p => p.Name, StringComparer.Ordinal).ToList(), backend, providerBlocks, dataBlocks, modules, variables, values, outputs, files);

    /// <summary>A variable block without its description: two modules may describe the same input in their own words.</summary>
    private static string Shape(string block) =>
        string.Join('\n', block.Split('\n').Where(line => !line.TrimStart().StartsWith("description", StringComparison.Ordinal)));

    private void Declare(ModuleVariable variable, HclExpression? value)
    {
        var existing = variables.FirstOrDefault(v => v.Name == variable.Name);
        if (existing is null)
        {
            variables.Add(variable);
        }
        else if (Shape(existing.Block) != Shape(variable.Block))
        {
            throw new InvalidOperationException($"Root {path}: two modules declare variable '{variable.Name}' with different types or rules; give one of them another name.");
        }

        if (value is null)
        {
            return;
        }

        var index = values.FindIndex(v => v.Key == variable.Name);
        if (index < 0)
        {
            values.Add(new(variable.Name, value));
        }
        else if (HclWriter.Render(values[index].Value) != HclWriter.Render(value))
        {
            throw new InvalidOperationException($"Root {path}: variable '{variable.Name}' is given two different values.");
        }
    }
}
