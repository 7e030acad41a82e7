using AiNow.Publishing.Model;

namespace AiNow.Publishing.Terraform;

/// <summary>The stages of one environment on one cloud, applied in this order; each plans against what the previous one built.</summary>
internal enum TerraformStage
{
    /// <summary>Network, cluster, stores, registry, identities, secrets, edge and audit (on-premises: the secrets in Vault).</summary>
    Foundation = 1,

    /// <summary>The cluster add-ons (Helm releases): needs the cluster.</summary>
    AddOns = 2,

    /// <summary>Objects of the add-ons' own kinds (ClusterIssuer, MetalLB pool): needs their CRDs.</summary>
    ClusterConfig = 3,

    /// <summary>What needs the overlay applied first: the WAF on the load balancer the ingress controller made (AWS).</summary>
    Edge = 4,
}

/// <summary>Where each Terraform root lives under <c>terraform/</c>, and the state key it uses.</summary>
internal static class TerraformLayout
{
    /// <summary>The root of <paramref name="stage"/> of <paramref name="environment"/> on <paramref name="target"/> (<c>environments/production/aws/1-foundation</c>).</summary>
    public static string Root(EnvironmentPlan environment, CloudTarget target, TerraformStage stage) =>
        $"environments/{environment.Name}/{target.Key}/{StageFolder(stage)}";

    /// <summary>The environment's global DNS root.</summary>
    public static string GlobalRoot(EnvironmentPlan environment) => $"environments/{environment.Name}/global";

    /// <summary>The root creating the state bucket of one account and region (<c>bootstrap/aws-us-east-1</c>).</summary>
    public static string BootstrapRoot(CloudTarget target) => $"bootstrap/{target.Key}-{target.Region}";

    /// <summary>The root of what one account and region share across environments: the registry, project-wide audit (<c>accounts/aws-us-east-1</c>).</summary>
    public static string AccountRoot(CloudTarget target) => $"accounts/{target.Key}-{target.Region}";

    /// <summary>The state key of a root: its path without the leading <c>environments/</c>.</summary>
    public static string StateKey(string root) => root.StartsWith("environments/", StringComparison.Ordinal) ? root["environments/".Length..] : root;

    /// <summary>The folder of a stage (<c>1-foundation</c>): the number says the order.</summary>
    private static string StageFolder(TerraformStage stage) => stage switch
    {
        TerraformStage.Foundation => "1-foundation",
        TerraformStage.AddOns => "2-addons",
        TerraformStage.ClusterConfig => "3-cluster-config",
        TerraformStage.Edge => "4-edge",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };
}
