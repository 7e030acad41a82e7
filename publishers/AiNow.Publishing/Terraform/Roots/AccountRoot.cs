using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Terraform.Hcl;

namespace AiNow.Publishing.Terraform.Roots;

/// <summary>
/// What every environment on one account and region shares, applied once after the state bucket and
/// before any environment: the image registry (a release is built once and promoted through the
/// environments, so they pull the same repositories) and, on Google Cloud, the project's audit
/// configuration. Foundations only refer to these by name. Null on a site (its registry is its own).
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
            Cloud.Gcp when firstInAccount => "the image registry and the project's audit configuration",
            Cloud.Aws when firstInAccount => "the image registry and the IAM user cert-manager solves DNS-01 challenges as from the other clouds",
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

                break;
            case Cloud.Gcp:
                root.GoogleProvider()
                    .Module("registry", "gcp/registry", [new("project", target.Account.AccountId), new("region", target.Region), new("repositories", repositories), new("labels", labels)]);
                if (firstInAccount)
                {
                    root.Module("audit", "gcp/project-audit", [new("project", target.Account.AccountId)]);
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
}
