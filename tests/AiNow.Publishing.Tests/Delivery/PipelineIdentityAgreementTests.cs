using System.Text.Json.Nodes;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Delivery;

/// <summary>
/// The identities the workflows log in as are the ones the account roots create, trusted from the
/// GitHub environment the logging-in job runs in: the release role and service account from the
/// release environment, each environment's deploy identity from that environment. Both sides are read
/// from the published files.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed class PipelineIdentityAgreementTests(PublishedManifests published)
{
    [Fact]
    public async Task EveryAwsRoleAWorkflowAssumes_IsCreatedByItsAccountRoot_ForTheJobsEnvironment()
    {
        var tree = await published.TerraformTreeAsync();
        var logins = Logins("aws-actions/configure-aws-credentials").ToList();
        Assert.NotEmpty(logins);
        foreach (var (workflow, job, environment, with) in logins)
        {
            var account = (string)with["allowed-account-ids"]!;
            var root = tree.Roots.Single(r => r.StartsWith("accounts/aws-", StringComparison.Ordinal) && tree.Values(r).ContainsKey("release_role") && AccountOf(tree, r, account));
            var values = tree.Values(root);
            var expected = environment == (string)values["release_environment"]!
                ? (string)values["release_role"]!
                : (string?)values["deploy_roles"]![environment] ?? throw new Xunit.Sdk.XunitException($"{workflow}/{job} runs in '{environment}', for which {root} makes no deploy role");
            Assert.Equal($"arn:aws:iam::{account}:role/{expected}", (string)with["role-to-assume"]!);
        }
    }

    [Fact]
    public async Task EveryGoogleServiceAccountAWorkflowImpersonates_IsCreatedByItsProjectRoot_ThroughItsPoolAndProvider_ForTheJobsEnvironment()
    {
        var tree = await published.TerraformTreeAsync();
        var logins = Logins("google-github-actions/auth").ToList();
        Assert.NotEmpty(logins);
        foreach (var (workflow, job, environment, with) in logins)
        {
            var email = (string)with["service_account"]!;
            var project = email[(email.IndexOf('@', StringComparison.Ordinal) + 1)..email.IndexOf(".iam.gserviceaccount.com", StringComparison.Ordinal)];
            var root = tree.Roots.Single(r => r.StartsWith("accounts/gcp-", StringComparison.Ordinal) && tree.Values(r).ContainsKey("release_account") && (string?)tree.Values(r)["project"] == project);
            var values = tree.Values(root);
            var expected = environment == (string)values["release_environment"]!
                ? (string)values["release_account"]!
                : (string?)values["deploy_accounts"]![environment] ?? throw new Xunit.Sdk.XunitException($"{workflow}/{job} runs in '{environment}', for which {root} makes no deploy service account");
            Assert.Equal($"{expected}@{project}.iam.gserviceaccount.com", email);
            Assert.EndsWith($"/locations/global/workloadIdentityPools/{values["pool_id"]}/providers/{values["provider_id"]}", (string)with["workload_identity_provider"]!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ThePipelineIdentities_TrustOnlyTheSettingsRepository()
    {
        var tree = await published.TerraformTreeAsync();
        var roots = tree.Roots.Where(r => r.StartsWith("accounts/", StringComparison.Ordinal) && tree.Values(r).ContainsKey("repository")).ToList();
        Assert.Equal(2, roots.Count);
        Assert.All(roots, r => Assert.Equal(AiNow.AppHost.DeploymentTargets.Settings.SourceRepository, (string)tree.Values(r)["repository"]!));
        Assert.Contains("assertion.repository == \\\"${var.repository}\\\"", tree.Text("modules/gcp/ci-identity"), StringComparison.Ordinal);
        Assert.Contains("\"repo:${var.repository}:environment:${each.key}\"", tree.Text("modules/aws/ci-identity"), StringComparison.Ordinal);
    }

    /// <summary>Every step using <paramref name="action"/>: its workflow, job, the job's GitHub environment and its inputs.</summary>
    private IEnumerable<(string Workflow, string Job, string Environment, JsonObject With)> Logins(string action)
    {
        foreach (var workflow in PublishedWorkflows.All(published.Output))
        {
            foreach (var (id, job) in workflow.EachJob())
            {
                foreach (var step in job["steps"]!.AsArray().Select(s => s!.AsObject()).Where(s => ((string?)s["uses"])?.StartsWith(action + "@", StringComparison.Ordinal) == true))
                {
                    var environment = (string?)job["environment"]?["name"] ?? throw new Xunit.Sdk.XunitException($"{workflow}/{id} logs in without a GitHub environment, so no trust condition can name it");
                    yield return (workflow.Name, id, environment, step["with"]!.AsObject());
                }
            }
        }
    }

    private static bool AccountOf(TerraformTree tree, string root, string account) =>
        tree.In(root).Any(f => f.Json.ToJsonString().Contains(account, StringComparison.Ordinal));
}
