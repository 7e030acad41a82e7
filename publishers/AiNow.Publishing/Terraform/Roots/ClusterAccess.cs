using AiNow.Publishing.Model;
using AiNow.Publishing.Terraform.Hcl;

namespace AiNow.Publishing.Terraform.Roots;

/// <summary>
/// How a stage that works inside the cluster reaches it: on a cloud, the foundation's state names the
/// cluster and the cloud's cluster-access module finds its endpoint, CA and a short-lived token; on a
/// site, the operator's kubeconfig. The Kubernetes and Helm providers are configured from either.
/// </summary>
internal static class ClusterAccess
{
    /// <summary>The state data source the stages read the foundation from.</summary>
    public const string FoundationState = "foundation";

    /// <summary>Configures the Kubernetes and Helm providers of <paramref name="root"/> for the cluster of <paramref name="target"/>.</summary>
    public static RootBuilder Configure(RootBuilder root, DeploymentModel model, EnvironmentPlan environment, CloudTarget target, bool helm)
    {
        HclObject connection;
        if (target.Cloud == Cloud.OnPrem)
        {
            root.Variable("kubeconfig_path", "string", "The kubeconfig of the site's cluster (its current context is used).", null);
            connection = HclValues.Object(("config_path", new HclReference("var.kubeconfig_path")));
        }
        else
        {
            var clusterName = FoundationOutput(root, model, environment, target, "cluster_name");
            var module = $"{target.Key}/cluster-access";
            var values = new List<KeyValuePair<string, HclExpression>>();
            if (target.Cloud == Cloud.Gcp)
            {
                values.Add(new("project", target.Account.AccountId));
                values.Add(new("region", target.Region));
            }

            root.Module("cluster", module, values, [new("cluster_name", clusterName)]);
            switch (target.Cloud)
            {
                case Cloud.Aws:
                    root.AwsProvider(target.Account.AccountId)
                        .Variable("region", "string", "The cluster's region.", target.Region);
                    break;
                case Cloud.Gcp:
                    root.GoogleProvider();
                    break;
                default:
                    root.Provider(TerraformProviders.DigitalOcean);
                    break;
            }

            var endpoint = new KeyValuePair<string, HclExpression>[]
            {
                new("host", new HclReference("module.cluster.host")),
                new("cluster_ca_certificate", new HclReference("module.cluster.cluster_ca_certificate")),
            };
            if (target.Cloud == Cloud.Aws)
            {
                // An EKS token lives 15 minutes, less than a plan and an apply of waiting Helm releases: fetch one per call.
                var exec = HclValues.Object(
                    ("api_version", "client.authentication.k8s.io/v1beta1"),
                    ("command", "aws"),
                    ("args", new HclList(["eks", "get-token", "--cluster-name", clusterName, "--region", new HclReference("var.region")])));
                root.Provider(TerraformProviders.Kubernetes, [.. endpoint.Select(Argument), new HclBlock("exec", [], exec.Entries.Select(Argument).ToList())]);
                if (helm)
                {
                    root.Provider(TerraformProviders.Helm, new HclArgument("kubernetes", new HclObject([.. endpoint, new("exec", exec)])));
                }

                return root;
            }

            connection = new HclObject([.. endpoint, new("token", new HclReference("module.cluster.token"))]);
        }

        root.Provider(TerraformProviders.Kubernetes, connection.Entries.Select(Argument).ToArray());
        if (helm)
        {
            root.Provider(TerraformProviders.Helm, new HclArgument("kubernetes", connection));
        }

        return root;
    }

    private static HclBodyItem Argument(KeyValuePair<string, HclExpression> entry) => new HclArgument(entry.Key, entry.Value);

    /// <summary>An output of the target's foundation, read from its state by a later stage.</summary>
    public static HclReference FoundationOutput(RootBuilder root, DeploymentModel model, EnvironmentPlan environment, CloudTarget target, string output) =>
        root.StateOutput(FoundationState, StateBackend.ForStage(model.Naming, environment, target, TerraformStage.Foundation), output);
}
