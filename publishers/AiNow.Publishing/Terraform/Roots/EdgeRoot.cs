using AiNow.Publishing.Model;
using AiNow.Publishing.Terraform.Hcl;

namespace AiNow.Publishing.Terraform.Roots;

/// <summary>
/// Stage 4 on AWS, after the overlay is applied: the AWS Load Balancer Controller has made the
/// gateway's ALB, and the foundation's WAF web ACL is attached to it (the ACL's ARN is not known when
/// the overlay is written, so the Ingress cannot name it), and the target's own host name points at
/// the ALB, so the target answers before the global records exist. The ALB's name is exported for the global DNS.
/// </summary>
internal static class EdgeRoot
{
    /// <summary>True when the target's own host name is written by its edge stage rather than by the global root.</summary>
    public static bool WritesOwnRecord(CloudTarget target) => target.Cloud == Cloud.Aws;

    public static TerraformRoot? For(DeploymentModel model, EnvironmentPlan environment, CloudTarget target)
    {
        if (!WritesOwnRecord(target) || model.Services.FirstOrDefault(s => s.IsPublic) is not { } gateway)
        {
            return null;
        }

        var path = TerraformLayout.Root(environment, target, TerraformStage.Edge);
        const string module = "aws/waf-association";
        return new RootBuilder(path, $"{environment.Name} on {target.Key}: the WAF on the gateway's load balancer, once the overlay made it", StateBackend.ForStage(model.Naming, environment, target, TerraformStage.Edge))
            .AwsProvider(target.Account.AccountId)
            .Module("edge", module,
            [
                new("region", target.Region),
                new("cluster_name", model.Naming.ClusterName(environment.Name)),
                new("ingress", $"{model.Naming.Namespace(environment.Name)}/{gateway.Name}"),
                new("web_acl_name", model.Naming.EdgePolicyName(environment.Name)),
            ])
            .Module("target_record", "aws/target-record",
                [
                    new("zone", environment.Infrastructure.PublicDnsZone),
                    new("hostname", target.Hostname),
                ],
                [new("load_balancer", new HclReference("module.edge.load_balancer_dns_name"))])
            .ExportOutputs("edge", module)
            .Build();
    }
}
