using AiNow.Publishing.Model;

namespace AiNow.Publishing.Terraform.Roots;

/// <summary>
/// Stage 4 on AWS, after the overlay is applied: the AWS Load Balancer Controller has made the
/// gateway's ALB, and the foundation's WAF web ACL is attached to it (the ACL's ARN is not known when
/// the overlay is written, so the Ingress cannot name it). The ALB's name is exported for the global DNS.
/// </summary>
internal static class EdgeRoot
{
    public static TerraformRoot? For(DeploymentModel model, EnvironmentPlan environment, CloudTarget target)
    {
        if (target.Cloud != Cloud.Aws || model.Services.FirstOrDefault(s => s.IsPublic) is not { } gateway)
        {
            return null;
        }

        var path = TerraformLayout.Root(environment, target, TerraformStage.Edge);
        const string module = "aws/waf-association";
        return new RootBuilder(path, $"{environment.Name} on {target.Key}: the WAF on the gateway's load balancer, once the overlay made it", StateBackend.For(model.Naming, target, TerraformLayout.StateKey(path)))
            .AwsProvider(target.Account.AccountId)
            .Module("edge", module,
            [
                new("region", target.Region),
                new("cluster_name", model.Naming.ClusterName(environment.Name)),
                new("ingress", $"{model.Naming.Namespace(environment.Name)}/{gateway.Name}"),
                new("web_acl_name", model.Naming.EdgePolicyName(environment.Name)),
            ])
            .ExportOutputs("edge", module)
            .Build();
    }
}
