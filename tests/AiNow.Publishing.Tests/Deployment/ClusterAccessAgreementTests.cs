using AiNow.Publishing.Tests.Delivery;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Deployment;

/// <summary>
/// The deploy can reach the EKS cluster it deploys to, whoever created it: the cluster admits no one
/// implicitly (authentication mode API, no creator bootstrap), and its one access entry is the role the
/// deploy workflow assumes for that environment, created by the account root. Read from the published
/// Terraform and workflow, not from the code that wrote them.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed class ClusterAccessAgreementTests(PublishedManifests published)
{
    private const string Module = "modules/aws/foundation";

    public static TheoryData<string> AwsEnvironments()
    {
        var data = new TheoryData<string>();
        foreach (var environment in AiNow.AppHost.DeploymentTargets.Settings.Environments.Where(e => e.Clouds.Contains(AiNow.Publishing.Model.Cloud.Aws)))
        {
            data.Add(environment.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AwsEnvironments))]
    public async Task TheEksAccessEntry_IsTheRoleTheDeployWorkflowAssumes_AsAdminOfThatCluster(string environment)
    {
        var tree = await published.TerraformTreeAsync();
        var root = $"environments/{environment}/aws/1-foundation";
        var granted = (string)tree.Values(root)["deploy_role_arn"]!;
        Assert.Equal("${var.deploy_role_arn}", (string)tree.Blocks(root, "module")["foundation"]["deploy_role_arn"]!);

        // The role the deploy workflow's jobs of this environment assume in AWS.
        var deploy = PublishedWorkflows.Load(published.Output, "deploy");
        var assumed = deploy.EachJob()
            .Where(j => j.Job["steps"]!.AsArray().Any(s => ((string?)s!["run"])?.Contains($"--Deploy:Environment {environment} ", StringComparison.Ordinal) == true))
            .SelectMany(j => j.Job["steps"]!.AsArray())
            .Where(s => ((string?)s!["uses"])?.StartsWith("aws-actions/configure-aws-credentials@", StringComparison.Ordinal) == true)
            .Select(s => (string)s!["with"]!["role-to-assume"]!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.Equal([granted], assumed);

        // The account root creates that role, under that name, for this environment only.
        var account = tree.Roots.Single(r => r.StartsWith("accounts/aws-", StringComparison.Ordinal));
        Assert.EndsWith(":role/" + (string)tree.Values(account)["deploy_roles"]![environment]!, granted, StringComparison.Ordinal);

        // The module admits exactly that principal, as cluster admin of its own cluster, and no creator implicitly.
        var resources = tree.Resources(Module).ToList();
        var entry = resources.Single(r => r.Type == "aws_eks_access_entry").Body;
        Assert.Equal("${var.deploy_role_arn}", (string)entry["principal_arn"]!);
        Assert.Equal("${aws_eks_cluster.main.name}", (string)entry["cluster_name"]!);
        var association = resources.Single(r => r.Type == "aws_eks_access_policy_association").Body;
        Assert.Equal("${aws_eks_access_entry.deploy.principal_arn}", (string)association["principal_arn"]!);
        Assert.Equal("${aws_eks_cluster.main.name}", (string)association["cluster_name"]!);
        Assert.Equal("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", (string)association["policy_arn"]!);
        Assert.Equal("cluster", (string)association["access_scope"]![0]!["type"]!);
        var access = resources.Single(r => r.Type == "aws_eks_cluster").Body["access_config"]![0]!;
        Assert.Equal("API", (string)access["authentication_mode"]!);
        Assert.False(access["bootstrap_cluster_creator_admin_permissions"]!.GetValue<bool>());
    }
}
