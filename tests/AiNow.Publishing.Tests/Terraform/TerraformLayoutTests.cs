using System.Text.RegularExpressions;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Terraform;

/// <summary>
/// The shape an operator relies on: every environment on every cloud has its stages, every root pins
/// Terraform and each provider it (or a module it calls) uses, keeps its state remote, and passes each
/// module exactly the variables the module declares; what tfvars leaves open, the README lists.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed partial class TerraformLayoutTests(PublishedManifests published)
{
    [Theory]
    [MemberData(nameof(PublishedManifests.OverlayNames), MemberType = typeof(PublishedManifests))]
    public async Task EveryEnvironmentOnEveryCloud_HasTheStagesItNeeds(string overlay)
    {
        var tree = await published.TerraformTreeAsync();
        var target = published.Overlay(overlay).Target;
        var environment = published.Overlay(overlay).Environment;
        var folder = $"environments/{environment.Name}/{target.Key}";
        var stages = tree.Roots.Where(r => r.StartsWith(folder + "/", StringComparison.Ordinal)).Select(r => r[(folder.Length + 1)..]).ToList();

        List<string> expected = ["1-foundation", "2-addons"];
        if (target.Profile.CertificateMode == CertificateMode.CertManagerDns01 || target.Profile.AddOns.Contains(KnownAddOns.MetalLb))
        {
            expected.Add("3-cluster-config");
        }

        if (target.Cloud == Cloud.Aws)
        {
            expected.Add("4-edge");
        }

        Assert.Equal(expected, stages);
        Assert.Contains($"environments/{environment.Name}/global", tree.Roots);
    }

    [Fact]
    public async Task EveryRoot_PinsTerraform_AndEveryProviderItOrItsModulesUse()
    {
        var tree = await published.TerraformTreeAsync();
        foreach (var root in tree.Roots)
        {
            var terraform = tree.Files[$"{root}/versions.tf"]["terraform"]!.AsArray()[0]!;
            Assert.Equal("~> 1.11", (string)terraform["required_version"]!);
            var pinned = terraform["required_providers"]!.AsArray()[0]!.AsObject();
            foreach (var (name, pin) in pinned)
            {
                Assert.Matches(ExactVersion(), (string)pin!["version"]!);
            }

            var used = ProvidersUsed(tree, root).ToList();
            Assert.True(used.Count > 0, root);
            Assert.All(used, provider => Assert.True(pinned.ContainsKey(provider), $"{root} uses provider '{provider}' (in itself or a module it calls) without pinning it."));
        }
    }

    [Fact]
    public async Task EveryRootButTheStateBuckets_KeepsItsStateRemote_Locked_AndEncrypted()
    {
        var tree = await published.TerraformTreeAsync();
        foreach (var root in tree.Roots)
        {
            var terraform = tree.Files[$"{root}/versions.tf"]["terraform"]!.AsArray()[0]!.AsObject();
            if (root.StartsWith("bootstrap/", StringComparison.Ordinal))
            {
                Assert.False(terraform.ContainsKey("backend"), $"{root} creates the state bucket; its own state cannot live there yet.");
                continue;
            }

            var type = terraform["backend"]!.AsObject().Single().Key;
            var settings = tree.Files[$"{root}/backend.hcl"];
            switch (type)
            {
                case "s3":
                    Assert.True((bool)settings["use_lockfile"]!, $"{root}: S3 state without its lock file.");
                    // Spaces encrypts every object at rest itself and takes no SSE header; on AWS the backend asks for SSE-KMS.
                    Assert.True(settings.ContainsKey("endpoints") || ((bool)settings["encrypt"]! && ((string)settings["kms_key_id"]!).StartsWith("arn:aws:kms:", StringComparison.Ordinal)), $"{root}: S3 state not encrypted with KMS.");
                    Assert.StartsWith("ainow-tfstate-", (string)settings["bucket"]!, StringComparison.Ordinal);
                    Assert.Equal(TerraformStateKey(root), (string)settings["key"]!);
                    break;
                case "gcs":
                    Assert.Equal(TerraformStateKey(root)[..^".tfstate".Length], (string)settings["prefix"]!);
                    break;
                case "kubernetes":
                    Assert.Equal("terraform-state", (string)settings["namespace"]!);
                    break;
                default:
                    Assert.Fail($"{root}: backend '{type}' is not one the README documents.");
                    break;
            }

            Assert.DoesNotContain(settings, s => s.Key is "access_key" or "secret_key" or "token" or "session_token" or "password" or "credentials" or "access_token");
        }
    }

    [Fact]
    public async Task EveryModuleCall_PassesExactlyTheVariablesTheModuleDeclares()
    {
        var tree = await published.TerraformTreeAsync();
        var calls = 0;
        foreach (var folder in tree.Roots.Concat(tree.Modules))
        {
            foreach (var (name, call) in tree.Blocks(folder, "module"))
            {
                var module = ModuleFolder(folder, (string)call["source"]!);
                Assert.True(tree.Modules.Contains(module), $"{folder}: module '{name}' points at {module}, which is not published.");
                var variables = tree.Blocks(module, "variable");
                var passed = call.Select(a => a.Key).Where(k => k is not ("source" or "depends_on" or "providers" or "count" or "for_each")).ToList();
                Assert.All(passed, argument => Assert.True(variables.ContainsKey(argument), $"{folder}: module '{name}' is given '{argument}', which {module} does not declare."));
                var required = variables.Where(v => !v.Value.ContainsKey("default")).Select(v => v.Key);
                Assert.All(required, variable => Assert.True(passed.Contains(variable), $"{folder}: module '{name}' is not given the required '{variable}' of {module}."));
                calls++;
            }
        }

        Assert.True(calls > 40, $"only {calls} module calls found");
    }

    [Fact]
    public async Task EveryRootVariable_IsGivenInTfvars_OrListedInTheReadmeForTheOperator()
    {
        var tree = await published.TerraformTreeAsync();
        var readme = File.ReadAllText(Path.Combine(published.Terraform, "README.md"));
        foreach (var root in tree.Roots)
        {
            var values = tree.Values(root);
            var line = readme.Split('\n').SingleOrDefault(l => l.StartsWith($"- `{root}`:", StringComparison.Ordinal));
            Assert.True(line is not null, $"README.md does not list {root}.");
            foreach (var (variable, body) in tree.Blocks(root, "variable"))
            {
                if (values.ContainsKey(variable) || body.ContainsKey("default"))
                {
                    Assert.DoesNotContain($"`{variable}` (", line, StringComparison.Ordinal);
                    continue;
                }

                Assert.Contains($"`{variable}` (", line, StringComparison.Ordinal);
            }

            Assert.All(values, v => Assert.True(tree.Blocks(root, "variable").ContainsKey(v.Key), $"{root}/terraform.tfvars sets '{v.Key}', which the root does not declare."));
        }
    }

    [Fact]
    public async Task TheReadme_NamesEveryRootOnce_InTheOrderTheyDependOnEachOther()
    {
        var tree = await published.TerraformTreeAsync();
        var readme = File.ReadAllText(Path.Combine(published.Terraform, "README.md"));
        var listed = RootLine().Matches(readme).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(tree.Roots.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count());

        int At(string root) => listed.IndexOf(root);
        foreach (var environment in published.Model.Environments)
        {
            foreach (var target in environment.Targets)
            {
                var stages = listed.Where(r => r.StartsWith($"environments/{environment.Name}/{target.Key}/", StringComparison.Ordinal)).ToList();
                Assert.Equal(stages.Order(StringComparer.Ordinal), stages);
                Assert.True(At(stages[0]) > At($"environments/{environment.Name}/{environment.PrimaryCloud.ToString().ToLowerInvariant()}/1-foundation") || target.Cloud == environment.PrimaryCloud || environment.Targets.All(t => t.Stores == StoreMode.InCluster),
                    $"{environment.Name} on {target.Key} reads the system of record's state before it exists.");
                Assert.True(At(stages[^1]) < At($"environments/{environment.Name}/global"), "the global DNS reads every target's state: it comes last");
            }
        }
    }

    [Fact]
    public async Task TheFoundations_TakeTheSameInputs_AndGiveTheSameOutputs_OnEveryCloud()
    {
        var tree = await published.TerraformTreeAsync();
        Dictionary<string, string[]> cloudSpecific = new(StringComparer.Ordinal)
        {
            ["aws"] = ["zone_count", "deploy_role_arn", "addon_roles", "collector", "log_groups"],
            ["gcp"] = ["project", "collector", "log_buckets", "application_namespace"],
            ["digitalocean"] = ["vault", "registry_credentials_secret", "registry_name"],
        };
        var inputs = cloudSpecific.Keys.ToDictionary(
            cloud => cloud,
            cloud => tree.Blocks($"modules/{cloud}/foundation", "variable").Where(v => !cloudSpecific[cloud].Contains(v.Key)).ToDictionary(v => v.Key, v => Normalized((string)v.Value["type"]!)),
            StringComparer.Ordinal);
        var outputs = cloudSpecific.Keys.ToDictionary(cloud => cloud, cloud => tree.Blocks($"modules/{cloud}/foundation", "output").Keys.Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

        Assert.True(inputs["aws"].Count >= 20, "the contract has at least twenty inputs");
        foreach (var cloud in cloudSpecific.Keys.Skip(1))
        {
            Assert.Equal(inputs["aws"].OrderBy(i => i.Key, StringComparer.Ordinal), inputs[cloud].OrderBy(i => i.Key, StringComparer.Ordinal));
            Assert.Equal(outputs["aws"], outputs[cloud]);
        }

        foreach (var cloud in cloudSpecific.Keys)
        {
            Assert.All(cloudSpecific[cloud], extra => Assert.True(tree.Blocks($"modules/{cloud}/foundation", "variable").ContainsKey(extra), $"{cloud}'s foundation no longer takes '{extra}'; drop it from the list of cloud-specific inputs."));
        }
    }

    private static string Normalized(string type) => Whitespace().Replace(type, " ");

    /// <summary>Providers a root needs: its own provider blocks and the required providers of every module it calls, through nested calls.</summary>
    private static HashSet<string> ProvidersUsed(TerraformTree tree, string folder)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, json) in tree.In(folder))
        {
            foreach (var provider in json["provider"]?.AsObject() ?? [])
            {
                names.Add(provider.Key);
            }
        }

        foreach (var (_, call) in tree.Blocks(folder, "module"))
        {
            var module = ModuleFolder(folder, (string)call["source"]!);
            foreach (var (_, json) in tree.In(module))
            {
                foreach (var required in json["terraform"]?.AsArray().SelectMany(t => t!["required_providers"]?.AsArray() ?? []).SelectMany(r => r!.AsObject()) ?? [])
                {
                    names.Add(required.Key);
                }
            }

            names.UnionWith(ProvidersUsed(tree, module));
        }

        return names;
    }

    private static string ModuleFolder(string caller, string source) =>
        Path.GetRelativePath("/x", Path.GetFullPath(Path.Combine("/x", caller, source))).Replace('\\', '/');

    private static string TerraformStateKey(string root) => (root.StartsWith("environments/", StringComparison.Ordinal) ? root["environments/".Length..] : root) + ".tfstate";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^\d+\.\d+\.\d+$")]
    private static partial Regex ExactVersion();

    [GeneratedRegex(@"^- `((?:environments|bootstrap|accounts)/[^`]+)`:", RegexOptions.Multiline)]
    private static partial Regex RootLine();
}
