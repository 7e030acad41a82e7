using AiNow.Publishing.Model;
using AiNow.Publishing.Terraform.Hcl;

namespace AiNow.Publishing.Terraform.Roots;

/// <summary>
/// Stage 1 of an environment on a cloud: the cloud's foundation module with the contract's inputs
/// (network, cluster, stores, registry, identities, secrets, edge, audit). On-premises there is no
/// cloud to build: the stage writes the secret entries to the site's Vault and lets this cluster's
/// External Secrets controller read them.
/// </summary>
internal static class FoundationRoot
{
    public static TerraformRoot For(DeploymentModel model, EnvironmentPlan environment, CloudTarget target)
    {
        var path = TerraformLayout.Root(environment, target, TerraformStage.Foundation);
        var backend = StateBackend.ForStage(model.Naming, environment, target, TerraformStage.Foundation);
        if (target.Cloud == Cloud.OnPrem)
        {
            return OnPrem(model, environment, target, new RootBuilder(path, $"{environment.Name} on {target.Key}: the secret entries in the site's Vault and its Kubernetes auth for this cluster", backend));
        }

        var root = new RootBuilder(path, $"{environment.Name} on {target.Key}: network, cluster, stores, identities, secrets, edge and audit", backend);
        var values = FoundationInputs.Core(model, environment, target);
        var wired = new List<KeyValuePair<string, HclExpression>>();
        var systemOfRecord = SystemOfRecord.Address(model, environment, target, root);
        if (systemOfRecord is HclString)
        {
            values.Add(new("system_of_record", FoundationInputs.SystemOfRecordInput(model, environment, target, systemOfRecord)));
        }
        else
        {
            wired.Add(new("system_of_record", FoundationInputs.SystemOfRecordInput(model, environment, target, systemOfRecord)));
        }

        var module = $"{target.Key}/foundation";
        switch (target.Cloud)
        {
            case Cloud.Aws:
                root.AwsProvider(target.Account.AccountId)
                    .Provider(TerraformProviders.Random)
                    .Provider(TerraformProviders.Tls);
                values.Add(new("zone_count", environment.Infrastructure.Zones));
                values.Add(new("deploy_role_arn", model.Naming.DeployRoleArn(target.Account.AccountId, environment.Name)));
                values.Add(new("addon_roles", HclValues.Object(
                    ("load_balancer_controller", model.Naming.AddOnRoleName(environment.Name, Model.Clouds.KnownAddOns.AwsLoadBalancerController.Name)),
                    ("ebs_csi_driver", model.Naming.AddOnRoleName(environment.Name, "ebs-csi-driver")),
                    ("argo_rollouts", model.Naming.AddOnRoleName(environment.Name, Model.Clouds.KnownAddOns.ArgoRollouts.Name)),
                    ("cluster_autoscaler", model.Naming.AddOnRoleName(environment.Name, Model.Clouds.KnownAddOns.ClusterAutoscaler.Name)))));
                values.AddRange(TelemetryInputs.For(model, environment, target));
                break;
            case Cloud.Gcp:
                root.GoogleProvider()
                    .Provider(TerraformProviders.Random);
                values.Add(new("project", target.Account.AccountId));
                values.AddRange(TelemetryInputs.For(model, environment, target));
                break;
            case Cloud.DigitalOcean:
                root.Provider(TerraformProviders.DigitalOcean)
                    .Provider(TerraformProviders.Vault, new HclArgument("address", new HclReference("var.vault_address")))
                    .Provider(TerraformProviders.Random)
                    .Variable("vault_address", "string", "The Vault holding the secret entries (DigitalOcean has no secret manager); its token comes from VAULT_TOKEN.", VaultAddress(target));
                values.Add(new("vault", Vault(model, environment, target)));
                values.Add(new("registry_credentials_secret", model.Naming.RegistryCredentialsSecretName(environment.Name)));
                values.Add(new("registry_name", target.Account.AccountId));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(target), target.Cloud, "No foundation module for this cloud.");
        }

        return root.Module("foundation", module, values, wired).ExportOutputs("foundation", module).Build();
    }

    private static string VaultAddress(CloudTarget target) =>
        target.Account.SecretStoreAddress ?? throw new InvalidOperationException($"The {target.Key} account names no Vault address; its secrets live in Vault.");

    private static HclObject Vault(DeploymentModel model, EnvironmentPlan environment, CloudTarget target) => HclValues.Object(
        ("kv_mount", model.Naming.VaultSecretsMount(environment.Name, target.Key)),
        ("auth_mount", model.Naming.VaultAuthMount(environment.Name, target.Key)),
        ("role", model.Naming.VaultRole(environment.Name, target.Key)));

    private static TerraformRoot OnPrem(DeploymentModel model, EnvironmentPlan environment, CloudTarget target, RootBuilder root)
    {
        var entries = SecretEntries.For(model, environment, target);
        var naming = model.Naming;
        const string module = "shared/vault-secrets";
        return root
            .Provider(TerraformProviders.Vault, new HclArgument("address", new HclReference("var.vault_address")))
            .Provider(TerraformProviders.Random)
            .Variable("vault_address", "string", "The site's Vault; its token comes from VAULT_TOKEN, its CA from VAULT_CACERT.", VaultAddress(target))
            .Module("secrets", module,
            [
                new("kv_mount", naming.VaultSecretsMount(environment.Name, target.Key)),
                new("auth_mount", naming.VaultAuthMount(environment.Name, target.Key)),
                new("role", naming.VaultRole(environment.Name, target.Key)),
                new("namespace", naming.Namespace(environment.Name)),
                new("service_account", InfrastructureNaming.SecretStoreIdentity),
                new("generated_secrets", HclValues.Strings(entries.Where(e => e.Source == SecretSource.Generated).Select(e => e.Name))),
                new("operator_secrets", HclValues.Strings(entries.Where(e => e.Source != SecretSource.Generated).Select(e => e.Name))),
                new("token_bound_cidrs", HclValues.Strings([target.Network])),
                new("labels", FoundationInputs.Labels(model, environment)),
            ],
            [new("composed_secrets", HclValues.Object())])
            .ExportOutputs("secrets", module)
            .Build();
    }
}
