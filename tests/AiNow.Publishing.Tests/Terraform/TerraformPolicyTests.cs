using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Terraform;

/// <summary>
/// Policies every published module and root keeps: variables typed, described and used; no secret in
/// an output; no wildcard IAM; stores encrypted and private; deletion protection and audit logs where
/// production needs them; a web application firewall on every cloud's edge.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed partial class TerraformPolicyTests(PublishedManifests published)
{
    [Fact]
    public async Task EveryVariable_IsTyped_Described_AndUsed()
    {
        var tree = await published.TerraformTreeAsync();
        var checkedVariables = 0;
        foreach (var folder in tree.Modules.Concat(tree.Roots))
        {
            var variables = tree.Blocks(folder, "variable");
            var text = tree.Text(folder);
            foreach (var (name, body) in variables)
            {
                Assert.True(body.ContainsKey("type"), $"{folder}: variable '{name}' has no type.");
                Assert.False(string.IsNullOrWhiteSpace((string?)body["description"]), $"{folder}: variable '{name}' has no description.");
                checkedVariables++;
                if (Uses(text, name))
                {
                    continue;
                }

                // A contract input (same module on every cloud) a cloud has no service for: allowed when
                // the description says so and the same module of another cloud does use it.
                var description = (string)body["description"]!;
                var module = folder[(folder.LastIndexOf('/') + 1)..];
                Assert.True(
                    description.StartsWith("Unused on ", StringComparison.Ordinal)
                    && tree.Modules.Any(other => other != folder && other.EndsWith("/" + module, StringComparison.Ordinal) && Uses(tree.Text(other), name)),
                    $"{folder}: variable '{name}' is declared but never used.");
            }
        }

        Assert.True(checkedVariables > 200, $"only {checkedVariables} variables found");
    }

    [Fact]
    public async Task EveryOutput_IsDescribed_AndNoneHoldsASecret()
    {
        var tree = await published.TerraformTreeAsync();
        foreach (var folder in tree.Modules.Concat(tree.Roots))
        {
            foreach (var (name, body) in tree.Blocks(folder, "output"))
            {
                Assert.False(string.IsNullOrWhiteSpace((string?)body["description"]), $"{folder}: output '{name}' has no description.");
                var value = body["value"]!.ToJsonString();
                Assert.False(SecretReference().IsMatch(value), $"{folder}: output '{name}' exposes a secret ({value}).");
                if (body["sensitive"]?.GetValue<bool>() == true)
                {
                    // The one sensitive output: a short-lived token the stages configure providers with, never re-exported.
                    Assert.EndsWith("/cluster-access", folder, StringComparison.Ordinal);
                    Assert.Equal("token", name);
                }
            }
        }
    }

    [Fact]
    public async Task NoTfvarsOrBackendSetting_HoldsASecretValue()
    {
        var tree = await published.TerraformTreeAsync();
        foreach (var (path, json) in tree.Files.Where(f => f.Key.EndsWith(".tfvars", StringComparison.Ordinal) || f.Key.EndsWith(".hcl", StringComparison.Ordinal)))
        {
            foreach (var (key, value) in Leaves(json, ""))
            {
                Assert.False(SecretKey().IsMatch(key) && !value.StartsWith("ainow-", StringComparison.Ordinal), $"{path}: '{key}' looks like a secret value.");
            }
        }
    }

    [Fact]
    public async Task EveryAwsProvider_RefusesAnyAccountButTheOneItsNamesBelongTo()
    {
        var tree = await published.TerraformTreeAsync();
        var account = published.Model.Environments.SelectMany(e => e.Targets).First(t => t.Cloud == AiNow.Publishing.Model.Cloud.Aws).Account.AccountId;
        var providers = tree.Roots.SelectMany(root => tree.In(root)).Select(f => f.Json["provider"]?["aws"]).OfType<JsonNode>().ToList();
        Assert.True(providers.Count > 10, $"only {providers.Count} AWS provider blocks found");
        Assert.All(providers, provider => Assert.Equal([account], provider.AsArray()[0]!["allowed_account_ids"]!.AsArray().Select(a => (string)a!)));
    }

    [Fact]
    public async Task NoIamGrant_AllowsEveryAction_OrAWholeServiceOnEverything()
    {
        var tree = await published.TerraformTreeAsync();
        foreach (var module in tree.Modules)
        {
            var text = tree.Text(module);
            Assert.DoesNotMatch(WildcardAction(), text);
            Assert.DoesNotContain("\"roles/owner\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"roles/editor\"", text, StringComparison.Ordinal);
            foreach (var (type, name, body) in tree.Resources(module, "data").Where(r => r.Type == "aws_iam_policy_document"))
            {
                foreach (var statement in (body["statement"]?.AsArray() ?? []).Where(s => (string?)s!["effect"] != "Deny" && !DelegatesKeyToAccount(s)))
                {
                    var actions = statement!["actions"]?.AsArray().Select(a => (string)a!).ToList() ?? [];
                    Assert.DoesNotContain("*", actions);
                    Assert.All(actions, a => Assert.DoesNotMatch(ServiceWildcard(), a));
                    _ = (type, name);
                }
            }
        }
    }

    [Fact]
    public async Task EveryStore_IsEncryptedAtRestAndInTransit_AndUnreachableFromTheInternet()
    {
        var tree = await published.TerraformTreeAsync();
        var rds = Single(tree, "modules/aws/foundation", "aws_db_instance");
        Assert.True(rds["storage_encrypted"]!.GetValue<bool>());
        Assert.NotEqual("true", rds["publicly_accessible"]?.ToJsonString());
        var valkey = Single(tree, "modules/aws/foundation", "aws_elasticache_replication_group");
        Assert.True(valkey["at_rest_encryption_enabled"]!.ToJsonString() is "true" or "\"true\"");
        Assert.True(valkey["transit_encryption_enabled"]!.GetValue<bool>());
        Assert.NotNull(valkey["auth_token"]);

        var sql = Single(tree, "modules/gcp/foundation", "google_sql_database_instance");
        var ip = sql["settings"]![0]!["ip_configuration"]![0]!;
        Assert.False(ip["ipv4_enabled"]!.GetValue<bool>());
        Assert.Equal("ENCRYPTED_ONLY", (string)ip["ssl_mode"]!);
        var memorystore = Single(tree, "modules/gcp/foundation", "google_redis_instance");
        Assert.True(memorystore["auth_enabled"]!.GetValue<bool>());
        Assert.Equal("SERVER_AUTHENTICATION", (string)memorystore["transit_encryption_mode"]!);

        var digitalOcean = tree.Resources("modules/digitalocean/foundation").ToList();
        var clusters = digitalOcean.Where(r => r.Type == "digitalocean_database_cluster").ToList();
        Assert.Equal(2, clusters.Count);
        foreach (var (_, name, body) in clusters)
        {
            Assert.NotNull(body["private_network_uuid"]);
            Assert.Contains(digitalOcean, r => r.Type == "digitalocean_database_firewall" && Regex.IsMatch((string)r.Body["cluster_id"]!, $@"digitalocean_database_cluster\.{name}[.\[]"));
        }
    }

    [Fact]
    public async Task Production_ProtectsItsDatabase_AndLogsItsControlPlane()
    {
        var tree = await published.TerraformTreeAsync();
        foreach (var root in tree.Roots.Where(r => r.StartsWith("environments/production/", StringComparison.Ordinal) && r.EndsWith("/1-foundation", StringComparison.Ordinal) && !r.Contains("/onprem/", StringComparison.Ordinal)))
        {
            var values = tree.Values(root);
            Assert.True(values["stores"]!["deletion_protection"]!.GetValue<bool>(), root);
            Assert.True(values["production_grade"]!.GetValue<bool>(), root);
        }

        Assert.Contains("var.stores.deletion_protection", Single(tree, "modules/aws/foundation", "aws_db_instance")["deletion_protection"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("var.stores.deletion_protection", Single(tree, "modules/gcp/foundation", "google_sql_database_instance")["deletion_protection"]!.ToJsonString(), StringComparison.Ordinal);

        var eks = Single(tree, "modules/aws/foundation", "aws_eks_cluster");
        Assert.Contains("audit", eks["enabled_cluster_log_types"]!.ToJsonString(), StringComparison.Ordinal);
        var trail = Single(tree, "modules/aws/foundation", "aws_cloudtrail");
        Assert.True(trail["enable_log_file_validation"]!.GetValue<bool>());
        Assert.True(trail["is_multi_region_trail"]!.GetValue<bool>());
        Assert.Contains(tree.Resources("modules/gcp/project-audit"), r => r.Type == "google_project_iam_audit_config");
    }

    [Fact]
    public async Task EveryCloudsEdge_HasAWebApplicationFirewall_WithARateLimit()
    {
        var tree = await published.TerraformTreeAsync();
        var acl = tree.Text("modules/aws/foundation");
        Assert.Contains("AWSManagedRulesCommonRuleSet", acl, StringComparison.Ordinal);
        Assert.Contains("rate_based_statement", acl, StringComparison.Ordinal);
        Assert.Contains(tree.Resources("modules/aws/waf-association"), r => r.Type == "aws_wafv2_web_acl_association");

        var armor = tree.Text("modules/gcp/foundation");
        Assert.Contains("evaluatePreconfiguredWaf('sqli", armor, StringComparison.Ordinal);
        Assert.Contains("rate_limit_options", armor, StringComparison.Ordinal);

        foreach (var root in tree.Roots.Where(r => r.EndsWith("/2-addons", StringComparison.Ordinal)))
        {
            if (tree.Values(root)["addons"]!["ingress-nginx"] is { } nginx)
            {
                var settings = nginx["settings"]!.AsArray().ToDictionary(s => (string)s!["name"]!, s => (string)s!["value"]!);
                Assert.Equal("true", settings["controller.config.enable-modsecurity"]);
                Assert.Equal("true", settings["controller.config.enable-owasp-modsecurity-crs"]);
            }
        }
    }

    /// <summary>
    /// The statement every KMS key policy needs: the account root holds the key (all kms actions on
    /// this key; a key policy's "*" is the key itself), which delegates its use to IAM policies.
    /// </summary>
    private static bool DelegatesKeyToAccount(JsonNode? statement) =>
        statement!["actions"]?.AsArray().Select(a => (string)a!).SequenceEqual(["kms:*"]) == true
        && statement["principals"]?.AsArray().SelectMany(p => p!["identifiers"]!.AsArray()).All(i => ((string)i!).EndsWith(":root", StringComparison.Ordinal)) == true;

    private static JsonObject Single(TerraformTree tree, string module, string type) =>
        Assert.Single(tree.Resources(module), r => r.Type == type).Body;

    /// <summary>True when <paramref name="name"/> is read outside its own declaration (its validation does not count).</summary>
    private static bool Uses(string text, string name)
    {
        var pattern = $@"\bvar\.{Regex.Escape(name)}\b";
        return Regex.Count(text, pattern) > (text.Contains($"variable \"{name}\" {{", StringComparison.Ordinal) ? Regex.Count(VariableBlock(text, name), pattern) : 0);
    }

    private static string VariableBlock(string text, string name)
    {
        var start = text.IndexOf($"variable \"{name}\" {{", StringComparison.Ordinal);
        var end = text.IndexOf("\n}\n", start, StringComparison.Ordinal);
        return text[start..end];
    }

    private static IEnumerable<(string Key, string Value)> Leaves(JsonNode? node, string path) => node switch
    {
        JsonObject o => o.SelectMany(p => Leaves(p.Value, path.Length == 0 ? p.Key : $"{path}.{p.Key}")),
        JsonArray a => a.SelectMany((item, i) => Leaves(item, $"{path}[{i}]")),
        JsonValue v => [(path, v.ToString())],
        _ => [],
    };

    [GeneratedRegex(@"random_password\.[a-z_]+(\[[^\]]*\])?\.result|\.auth_string|\.password\b|auth_token|private_key|secret_string|secret_data|connection_string")]
    private static partial Regex SecretReference();

    [GeneratedRegex(@"(password|token|private_key|access_key|secret_key)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretKey();

    [GeneratedRegex(@"""Action""\s*[:=]\s*""\*""|actions\s*=\s*\[\s*""\*""")]
    private static partial Regex WildcardAction();

    [GeneratedRegex(@"^[a-z0-9-]+:\*$")]
    private static partial Regex ServiceWildcard();
}
