using AiNow.Publishing.Kubernetes.Ingress;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;

namespace AiNow.Publishing.Terraform.Roots;

/// <summary>
/// Stage 3: objects of the add-ons' own kinds, planned once stage 2 has installed their CRDs: the
/// DNS-01 ClusterIssuer the overlays' Certificates name, and on a site MetalLB's address pool. Null
/// where a cloud needs none (AWS: ACM issues the certificate, the ALB needs no pool).
/// </summary>
internal static class ClusterConfigRoot
{
    public static TerraformRoot? For(DeploymentModel model, EnvironmentPlan environment, CloudTarget target)
    {
        var issuer = target.Profile.CertificateMode == CertificateMode.CertManagerDns01;
        var pool = target.Profile.AddOns.Contains(KnownAddOns.MetalLb);
        if (!issuer && !pool)
        {
            return null;
        }

        var path = TerraformLayout.Root(environment, target, TerraformStage.ClusterConfig);
        var credentials = $". First store the access key of IAM user `{model.Naming.Dns01IdentityName}` as Secret `{InfrastructureNaming.Dns01CredentialsSecret}` in namespace cert-manager (keys access-key-id, secret-access-key)";
        var purpose = (issuer, pool) switch
        {
            (true, true) => "the DNS-01 ClusterIssuer and MetalLB's address pool, once the add-ons' CRDs exist" + credentials,
            (true, false) => "the DNS-01 ClusterIssuer, once cert-manager's CRDs exist" + credentials,
            _ => "MetalLB's address pool, once its CRDs exist",
        };
        var root = new RootBuilder(path, $"{environment.Name} on {target.Key}: {purpose}", StateBackend.ForStage(model.Naming, environment, target, TerraformStage.ClusterConfig));
        ClusterAccess.Configure(root, model, environment, target, helm: false);
        if (issuer)
        {
            root.Module("issuer", "shared/cluster-issuer",
            [
                new("name", IngressController.ClusterIssuer),
                new("email", environment.Infrastructure.AcmeEmail),
                new("dns_zone", environment.Infrastructure.PublicDnsZone),
                new("credentials_secret", InfrastructureNaming.Dns01CredentialsSecret),
            ]);
        }

        if (pool)
        {
            // Each add-on's namespace is fixed by its chart, so it is written in the call rather than set per environment.
            root.Module("load_balancer_pool", "onprem/load-balancer-pool", [], [new("namespace", KnownAddOns.MetalLb.Chart!.Namespace)]);
        }

        return root.Build();
    }
}
