using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Terraform.Hcl;

namespace AiNow.Publishing.Terraform.Roots;

/// <summary>
/// What every environment on one account and region shares, applied once after the state bucket and
/// before any environment: the image registry (a release is built once and promoted through the
/// environments, so they pull the same repositories), the identities the release and deploy workflows
/// assume through GitHub's OIDC tokens and, on Google Cloud, the project's audit configuration. Foundations only refer to these by name. Null on a site (its registry is its own).
/// </summary>
internal static class AccountRoot
{
    /// <summary>
    /// The root of <paramref name="target"/>'s account and region. What exists once per account or
    /// project (DigitalOcean's one registry, a project's audit configuration) is made only by the
    /// root where <paramref name="firstInAccount"/> is true, so no two roots manage it.
    /// </summary>
    public static TerraformRoot? For(DeploymentModel model, CloudTarget target, IReadOnlyList<EnvironmentPlan> environments, bool firstInAccount)
    {
        if (target.Cloud == Cloud.OnPrem || (target.Cloud == Cloud.DigitalOcean && !firstInAccount))
        {
            return null;
        }

        var path = TerraformLayout.AccountRoot(target);
        var shared = target.Cloud switch
        {
            Cloud.Gcp when firstInAccount => "the image registry, the project's audit configuration and the pipeline's identities (GitHub OIDC federation)",
            Cloud.Aws when firstInAccount => "the image registry, the IAM user cert-manager solves DNS-01 challenges as from the other clouds and the pipeline's roles (GitHub OIDC)",
            _ => "the image registry",
        };
        var root = new RootBuilder(path, $"what every environment on {target.Key} account {target.Account.AccountId} in {target.Region} shares: {shared}", StateBackend.For(model.Naming, target, TerraformLayout.StateKey(path)));
        var repositories = HclValues.Strings(model.BuiltImageRepositories);
        var labels = FoundationInputs.Labels(model);
        switch (target.Cloud)
        {
            case Cloud.Aws:
                root.AwsProvider(target.Account.AccountId)
                    .Module("registry", "aws/registry", [new("region", target.Region), new("repositories", repositories), new("labels", labels)]);
                if (firstInAccount && model.Environments.Any(e => e.Targets.Any(t => t.Profile.CertificateMode == CertificateMode.CertManagerDns01)))
                {
                    // Clusters outside AWS prove the public names through Route53 as this user; it exists before any of their issuers.
                    root.Module("dns01", "aws/dns01-identity", [new("name", model.Naming.Dns01IdentityName), new("zone", environments[0].Infrastructure.PublicDnsZone), new("labels", labels)])
                        .ExportOutputs("dns01", "aws/dns01-identity");
                }

                if (firstInAccount)
                {
                    root.Module("ci_identity", "aws/ci-identity",
                    [
                        .. PipelineRepository(model),
                        new("release_environment", InfrastructureNaming.ReleaseEnvironment),
                        new("release_role", model.Naming.ReleaseIdentityName),
                        new("registry_regions", HclValues.Strings(AccountTargets(model, target).Select(t => t.Region).Distinct(StringComparer.Ordinal))),
                        new("repositories", repositories),
                        new("deploy_roles", HclValues.Map(AccountEnvironments(model, target), e => e.Name, e => model.Naming.DeployIdentityName(e.Name))),
                        new("labels", labels),
                    ]).ExportOutputs("ci_identity", "aws/ci-identity");
                }

                break;
            case Cloud.Gcp:
                root.GoogleProvider()
                    .Module("registry", "gcp/registry", [new("project", target.Account.AccountId), new("region", target.Region), new("repositories", repositories), new("labels", labels)]);
                if (firstInAccount)
                {
                    root.Module("audit", "gcp/project-audit", [new("project", target.Account.AccountId)]);
                    root.Module("ci_identity", "gcp/ci-identity",
                    [
                        new("project", target.Account.AccountId),
                        .. PipelineRepository(model),
                        new("pool_id", model.Naming.PipelineIdentityPool),
                        new("provider_id", InfrastructureNaming.PipelineIdentityProvider),
                        new("release_environment", InfrastructureNaming.ReleaseEnvironment),
                        new("release_account", model.Naming.ReleaseIdentityName),
                        new("deploy_accounts", HclValues.Map(AccountEnvironments(model, target), e => e.Name, e => model.Naming.DeployIdentityName(e.Name))),
                    ],
                    [new("registry_region", new HclReference("var.region")), new("registry_repository", new HclReference("module.registry.repository"))])
                        .ExportOutputs("ci_identity", "gcp/ci-identity");
                }

                break;
            default:
                root.Provider(TerraformProviders.DigitalOcean)
                    .Module("registry", "digitalocean/registry",
                    [
                        new("name", target.Account.AccountId),
                        new("region", target.Region),
                        // Basic holds five repositories; production-grade accounts get room to grow.
                        new("subscription_tier", environments.Any(e => e.ProductionGrade) ? "professional" : "basic"),
                    ]);
                break;
        }

        return root.ExportOutputs("registry", $"{target.Key}/registry").Build();
    }

    /// <summary>The repository the pipeline identities trust, or nothing (the operator gives it) when the settings name none.</summary>
    private static IEnumerable<KeyValuePair<string, HclExpression>> PipelineRepository(DeploymentModel model) =>
        model.SourceRepository is { } repository ? [new("repository", repository)] : [];

    /// <summary>Every target on the account or project of <paramref name="target"/>, in any region.</summary>
    private static IEnumerable<CloudTarget> AccountTargets(DeploymentModel model, CloudTarget target) =>
        model.Environments.SelectMany(e => e.Targets).Where(t => t.Cloud == target.Cloud && t.Account.AccountId == target.Account.AccountId);

    /// <summary>The environments with a target on that account: each gets a deploy identity there (a target elsewhere may read its primary's state here too).</summary>
    private static IEnumerable<EnvironmentPlan> AccountEnvironments(DeploymentModel model, CloudTarget target) =>
        model.Environments.Where(e => e.Targets.Any(t => t.Cloud == target.Cloud && t.Account.AccountId == target.Account.AccountId));
}
