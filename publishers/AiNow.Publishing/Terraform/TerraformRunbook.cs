using System.Globalization;
using System.Text;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Terraform.Roots;
using AiNow.Publishing.Writing;

namespace AiNow.Publishing.Terraform;

/// <summary>
/// <c>terraform/README.md</c>: the exact order to apply every root, made from the roots themselves
/// (their folders, backends and the variables left to the operator), so it cannot drift from them.
/// </summary>
internal static class TerraformRunbook
{
    private static readonly string[] Credentials =
    [
        "AWS: the usual credential chain (`AWS_PROFILE`, SSO or `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`); the state backend uses the same.",
        "Google Cloud: Application Default Credentials (`gcloud auth application-default login` or `GOOGLE_APPLICATION_CREDENTIALS`).",
        "DigitalOcean: `DIGITALOCEAN_TOKEN`; Spaces keys as `SPACES_ACCESS_KEY_ID`/`SPACES_SECRET_ACCESS_KEY` for the provider and in the AWS CLI profile `" + StateBackend.SpacesProfile + "` (`~/.aws/credentials`) for the S3-compatible state backend, so AWS credentials stay in force for AWS state. State locking uses S3 conditional writes, which Spaces must honour: check with two concurrent plans before relying on it. DigitalOcean has no secret manager: entries live in Vault (`VAULT_TOKEN`, and `VAULT_CACERT` when a private CA issued its certificate). It has no managed WAF: ingress-nginx runs ModSecurity with the OWASP Core Rule Set, in detection mode until its findings are reviewed (`controller.config.modsecurity-snippet=SecRuleEngine On` then blocks).",
        "Several roots read another cloud's state (a non-primary target reads the primary's foundation; the global DNS reads every target): run them with the credentials of each cloud involved.",
        "AWS (EKS): the `aws` CLI on the PATH; the add-ons and cluster stages log in to the cluster with `aws eks get-token` on every call, so a long Helm apply outlives no token. The public zone named in the settings (`PublicDnsZone`) must exist in Route53 on the AWS account and be delegated from its registrar: ACM validation, DNS-01 challenges and the global records are written there.",
        "On-premises: `KUBE_CONFIG_PATH` for the state backend (state is a Secret in namespace `" + StateBackend.OnPremStateNamespace + "`, locked with a Lease, encrypted at rest by the cluster's encryption configuration), `VAULT_TOKEN` for the site's Vault.",
    ];

    public static GeneratedFile Write(DeploymentModel model, IReadOnlyList<TerraformRoot> roots)
    {
        var text = new StringBuilder();
        text.Append("<!-- ").Append(RootFiles.Header).Append(" -->\n");
        text.Append("# Terraform: the order to apply\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Terraform `{TerraformProviders.RequiredVersion}`; providers pinned in every root's `versions.tf` ({string.Join(", ", TerraformProviders.All.Select(p => $"{p.Source} {p.Version}"))}). ");
        text.Append("`modules/` is written once: `shared/` on every cloud, one folder per provider. Each root under `environments/` only wires modules; its values are in `terraform.tfvars`, its state settings in `backend.hcl`. No value in either is secret.\n\n");
        text.Append("Credentials always come from the environment, never from a file here:\n\n");
        foreach (var line in Credentials)
        {
            text.Append("- ").Append(line).Append('\n');
        }

        text.Append("\nEvery root is applied the same way; `-var` gives the inputs it lists as the operator's:\n\n");
        text.Append("```bash\ncd <root>\nterraform init -backend-config=backend.hcl   # bootstrap roots: terraform init\nterraform plan -out=tfplan\nterraform apply tfplan\n```\n");

        text.Append("\n## 1. State buckets (once per account and region)\n\n");
        foreach (var root in TerraformApplyOrder.StateBuckets(roots))
        {
            AppendRoot(text, root);
        }

        text.Append("\nTheir own state is local (nothing exists yet to hold it) and holds only the bucket: keep its `terraform.tfstate` with the account's records, or import the bucket again into a fresh root (`terraform import`) if it is lost.\n");
        text.Append(CultureInfo.InvariantCulture, $"\nOn a site, create the state namespace first: `kubectl create namespace {StateBackend.OnPremStateNamespace}`.\n");
        text.Append("\n## 2. What the environments of an account share (once per account and region)\n\n");
        foreach (var root in TerraformApplyOrder.Accounts(roots))
        {
            AppendRoot(text, root);
        }

        foreach (var environment in model.Environments)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n## {environment.Name}\n\n");
            text.Append(DataStory(environment)).Append("\n\n");
            foreach (var target in environment.Targets)
            {
                text.Append(CultureInfo.InvariantCulture, $"### {environment.Name} on {target.Key}\n\n");
                var stages = TerraformApplyOrder.Target(roots, environment, target);
                foreach (var root in stages.BeforeOverlay)
                {
                    AppendRoot(text, root);
                    if (root.Path == TerraformLayout.Root(environment, target, TerraformStage.Foundation))
                    {
                        AppendOperatorEntries(text, model, environment, target);
                        if (target.Profile.TelemetryBackend == TelemetryBackend.CloudLoggingAndCloudTrace)
                        {
                            text.Append(CultureInfo.InvariantCulture, $"- The services' logs are kept once, where the collector writes them: application logs and audit events each in their own bucket with their own retention. GKE's copy of the containers' output in namespace `{model.Naming.Namespace(environment.Name)}` is excluded from `_Default` and from the cluster's log bucket (the system workloads' logs stay there); `kubectl logs` still shows it while the pod's logs remain on its node.\n");
                        }
                    }

                    if (root.Path == TerraformLayout.Root(environment, target, TerraformStage.AddOns))
                    {
                        text.Append(CultureInfo.InvariantCulture, $"- Alertmanager starts once the Secret `{TelemetryDestinations.ReceiversSecretName}` exists in namespace `{TelemetryDestinations.MonitoringNamespace}` (its keys: `monitoring/README.md`): create it once this stage made the namespace, or before it after `kubectl create namespace {TelemetryDestinations.MonitoringNamespace}`.\n");
                    }
                }

                text.Append(CultureInfo.InvariantCulture, $"- Apply the overlay `kubernetes/overlays/{environment.Name}-{target.Key}` (the runbook in `overview.md`).\n");
                foreach (var root in stages.AfterOverlay)
                {
                    AppendRoot(text, root);
                }

                text.Append('\n');
            }

            if (TerraformApplyOrder.Global(roots, environment) is { } global)
            {
                text.Append(CultureInfo.InvariantCulture, $"### {environment.Name}: global DNS (after every target)\n\n");
                AppendRoot(text, global);
                text.Append('\n');
            }
        }

        return new GeneratedFile("README.md", text.ToString().TrimEnd('\n') + "\n");
    }

    private static void AppendRoot(StringBuilder text, TerraformRoot root)
    {
        text.Append(CultureInfo.InvariantCulture, $"- `{root.Path}`: {root.Purpose}.");
        var inputs = root.OperatorInputs.ToList();
        if (inputs.Count > 0)
        {
            text.Append(" Give: ");
            text.Append(string.Join("; ", inputs.Select(name => $"`{name}` ({Description(root, name)})")));
            text.Append('.');
        }

        text.Append('\n');
    }

    /// <summary>The entries the foundation creates blank, which a person fills before the overlay is applied.</summary>
    private static void AppendOperatorEntries(StringBuilder text, DeploymentModel model, EnvironmentPlan environment, CloudTarget target)
    {
        var optional = model.Parameters.Where(p => p.Secret && p.Optional).Select(p => model.Naming.SecretName(environment.Name, p.Name)).ToHashSet(StringComparer.Ordinal);
        var operatorEntries = SecretEntries.For(model, environment, target).Where(e => e.Source == SecretSource.Operator).ToList();
        var entries = operatorEntries.Select(e => e.Name).ToList();
        var copied = operatorEntries.Where(e => e.Content is SecretContent.OwnerConnectionString or SecretContent.RuntimeConnectionString or SecretContent.RuntimePassword).Select(e => e.Name).ToList();
        var own = entries.Where(e => !optional.Contains(e) && !copied.Contains(e)).ToList();
        if (copied.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"- Before the overlay, copy the system of record's entries from {environment.Primary.Key}'s secret store: ").Append(string.Join(", ", copied.Select(e => $"`{e}`"))).Append('.');
            if (own.Count > 0)
            {
                text.Append(" Set: ").Append(string.Join(", ", own.Select(e => $"`{e}`"))).Append('.');
            }
        }
        else if (own.Count > 0)
        {
            text.Append("- Before the overlay, set the entries the foundation left blank: ").Append(string.Join(", ", own.Select(e => $"`{e}`"))).Append('.');
        }
        else
        {
            text.Append("- Nothing to set by hand before the overlay.");
        }

        var blank = entries.Where(optional.Contains).ToList();
        if (blank.Count > 0)
        {
            text.Append(" Optional features stay off while their entries are blank: ").Append(string.Join(", ", blank.Select(e => $"`{e}`"))).Append('.');
        }

        text.Append('\n');
    }

    private static string Description(TerraformRoot root, string variable) =>
        root.Variables.First(v => v.Name == variable).Description.TrimEnd('.');

    private static string DataStory(EnvironmentPlan environment)
    {
        if (environment.Targets.All(t => t.Stores == StoreMode.InCluster))
        {
            return "Stores run in each cluster: every target is an independent sandbox with its own data.";
        }

        var primary = environment.Primary;
        var others = environment.Targets.Where(t => t != primary).Select(t => t.Key).ToList();
        var story = $"The system of record (PostgreSQL) lives on {primary.Key}, in `{primary.Network}`; its foundation admits the other targets' ranges.";
        if (others.Count > 0)
        {
            story += $" {string.Join(", ", others)} reach it over the private interconnect between the networks (VPN or interconnect, the operator's), through a private name that resolves to the primary's endpoint, read from the primary's state; apply {primary.Key}'s foundation first. Their workloads' database entries are copied from {primary.Key}'s secret store (listed as operator entries there). Caches are local to each target; nothing is replicated.";
        }

        return story;
    }
}
