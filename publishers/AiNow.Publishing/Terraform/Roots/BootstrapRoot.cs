using AiNow.Publishing.Model;

namespace AiNow.Publishing.Terraform.Roots;

/// <summary>
/// The state bucket of one account and region, which every other root there keeps its state in. It
/// is the one root with local state (nothing exists yet to hold it); once applied, its state can move
/// into the bucket it made (<c>terraform init -migrate-state</c>). Null on a site: state lives in a
/// Kubernetes Secret there, and the namespace is the only prerequisite.
/// </summary>
internal static class BootstrapRoot
{
    public static TerraformRoot? For(DeploymentModel model, CloudTarget target)
    {
        if (target.Cloud == Cloud.OnPrem)
        {
            return null;
        }

        var module = $"{target.Key}/state-bucket";
        var root = new RootBuilder(TerraformLayout.BootstrapRoot(target), $"the Terraform state bucket of {target.Key} account {target.Account.AccountId} in {target.Region}", backend: null);
        switch (target.Cloud)
        {
            case Cloud.Aws:
                root.AwsProvider(target.Account.AccountId);
                break;
            case Cloud.Gcp:
                root.GoogleProvider()
                    .Variable("project", "string", "The Google Cloud project holding the bucket.", target.Account.AccountId);
                break;
            default:
                root.Provider(TerraformProviders.DigitalOcean);
                break;
        }

        var bucket = StateBackend.For(model.Naming, target, "bootstrap").Bucket!;
        return root.Module("state", module,
            [
                new("bucket", bucket),
                new("region", target.Region),
                new("labels", FoundationInputs.Labels(model)),
            ])
            .ExportOutputs("state", module)
            .Build();
    }
}
