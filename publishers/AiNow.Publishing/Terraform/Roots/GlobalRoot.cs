using AiNow.Publishing.Model;
using AiNow.Publishing.Terraform.Hcl;

namespace AiNow.Publishing.Terraform.Roots;

/// <summary>
/// An environment's global DNS, applied last: in the Route53 zone of the host names, each target's
/// own name points at its load balancer and the global name is a weighted set over the targets, each
/// record health-checked so a failing cloud leaves the rotation. The load balancers' addresses come
/// from the stages' state where Terraform knows them (the ALB from AWS's edge stage, GCP's reserved
/// address) and from the operator elsewhere (ingress-nginx's LoadBalancer Service on DigitalOcean and
/// on a site). Null when the environment has no AWS target (no Route53 to write to).
/// </summary>
internal static class GlobalRoot
{
    public static TerraformRoot? For(DeploymentModel model, EnvironmentPlan environment)
    {
        if (environment.Targets.FirstOrDefault(t => t.Cloud == Cloud.Aws) is not { } aws)
        {
            return null;
        }

        var path = TerraformLayout.GlobalRoot(environment);
        var root = new RootBuilder(path, $"{environment.Name}: the global name in front of every target, health-checked", StateBackend.For(model.Naming, aws, TerraformLayout.StateKey(path)))
            .AwsProvider(aws.Account.AccountId)
            .Variable("region", "string", "The region of the AWS provider (Route53 and IAM are global; the AWS target's region).", aws.Region);

        var targets = environment.Targets.Select(t => (t.Key, Value: Target(model, environment, t, root))).ToList();
        root.Module("dns", "aws/global-dns",
            [
                new("zone", environment.Infrastructure.PublicDnsZone),
                new("hostname", environment.Hostname),
            ],
            [new("targets", HclValues.Map(targets, t => t.Key, t => t.Value))]);

        return root.Build();
    }

    private static HclObject Target(DeploymentModel model, EnvironmentPlan environment, CloudTarget target, RootBuilder root)
    {
        var (address, type) = Address(model, environment, target, root);
        return HclValues.Object(
            ("hostname", target.Hostname),
            ("address", address),
            ("record_type", type),
            ("weight", 100),
            ("own_record", !EdgeRoot.WritesOwnRecord(target)));
    }

    /// <summary>
    /// The clouds whose credentials applying the global root takes: AWS for Route53 and the root's own
    /// state, and each cloud whose target's state holds its load balancer's address. The others'
    /// addresses are operator inputs, so their clouds are not touched.
    /// </summary>
    public static IReadOnlyList<Cloud> Clouds(EnvironmentPlan environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return [.. environment.Targets.Where(t => t.Cloud == Cloud.Aws || AddressInState(t) is not null).Select(t => t.Cloud).Distinct()];
    }

    /// <summary>Where Terraform already knows <paramref name="target"/>'s load balancer address (the stage and its output), or null when the operator gives it.</summary>
    private static (TerraformStage Stage, string Output, string RecordType)? AddressInState(CloudTarget target) => target.Cloud switch
    {
        Cloud.Aws => (TerraformStage.Edge, "load_balancer_dns_name", "CNAME"),
        Cloud.Gcp => (TerraformStage.Foundation, "public_address", "A"),
        _ => null,
    };

    /// <summary>The input giving <paramref name="target"/>'s load balancer address where no state holds it (<c>onprem_load_balancer_address</c>).</summary>
    public static string AddressVariable(CloudTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return $"{target.Key}_load_balancer_address";
    }

    private static (HclExpression Address, string RecordType) Address(DeploymentModel model, EnvironmentPlan environment, CloudTarget target, RootBuilder root)
    {
        if (AddressInState(target) is { } state)
        {
            var name = $"{target.Key}_{state.Stage.ToString().ToLowerInvariant()}";
            return (root.StateOutput(name, StateBackend.ForStage(model.Naming, environment, target, state.Stage), state.Output), state.RecordType);
        }

        var variable = AddressVariable(target);
        root.Variable(variable, "string", $"The external IP of ingress-nginx's LoadBalancer Service on {target.Key} (kubectl -n ingress-nginx get svc ingress-nginx-controller -o jsonpath='{{.status.loadBalancer.ingress[0].ip}}').", null);
        return (new HclReference("var." + variable), "A");
    }
}
