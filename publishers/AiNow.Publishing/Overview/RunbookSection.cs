using System.Globalization;
using System.Text;
using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;

namespace AiNow.Publishing.Overview;

/// <summary>
/// The operator's runbook for one environment on one cloud: the cluster and its add-ons with pinned
/// versions and what must exist first; then <see cref="ReleaseCommands"/>.
/// </summary>
internal static class RunbookSection
{
    public static void Append(StringBuilder text, DeploymentModel model, EnvironmentPlan environment, CloudTarget target)
    {
        var profile = target.Profile;
        var overlay = OverviewEmitter.Overlay(environment, target);
        var objects = new OverlayObjects(model, environment, target);
        text.Append(CultureInfo.InvariantCulture, $"\n### {environment.Name} on {target.Key}: runbook\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Cluster `{model.Naming.ClusterName(environment.Name)}` ({profile.KubernetesService}, {target.Region}), private range `{target.Network}` (nodes, pods, services and managed stores inside it).\n\n");

        text.Append("**1. The cluster and its add-ons** (pinned; install before the first apply):\n\n");
        foreach (var requirement in profile.ClusterRequirements(model.Naming, environment.Name))
        {
            text.Append("- ").Append(requirement).Append('\n');
        }

        var valuesFolder = Monitoring.MonitoringLayout.KustomizationPath(environment.Name, target.Key);
        foreach (var addOn in KnownAddOns.For(profile, environment.Rollout.Strategy).Concat(KnownAddOns.OperatorTools))
        {
            text.Append(CultureInfo.InvariantCulture, $"- {addOn.Name} {addOn.Version}: {addOn.Why}. `{addOn.Install(valuesFolder)}`\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\n**2. Must exist first** (named here exactly; the Terraform roots under `terraform/environments/{environment.Name}/{target.Key}/` make all of it and install the add-ons above, in the order `terraform/README.md` gives):\n\n");
        text.Append("- Secret-store entries read by this overlay: ");
        text.Append(string.Join(", ", objects.RemoteKeys().Select(k => $"`{k}`"))).Append('\n');
        text.Append("  Values: generated passwords of at least 16 printable ASCII characters; Redis passwords without `,` or `=` (a Redis connection string cannot quote them). PostgreSQL passwords may hold anything: they are quoted.\n");
        var optional = model.Parameters.Where(p => p.Optional && p.Secret).Select(p => $"`{model.Naming.SecretName(environment.Name, p.Name)}`").ToList();
        if (optional.Count > 0)
        {
            text.Append("  Optional features' entries (").Append(string.Join(", ", optional)).Append(") must exist too, and may be empty: pods start without a value, but a missing entry leaves its ExternalSecret unready.\n");
        }

        var unset = model.Parameters.Where(p => !p.Secret && !environment.ParameterValues.ContainsKey(p.Name)).Select(p => $"`{p.Name}`").ToList();
        if (unset.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"- Non-secret parameters left empty in this environment: {string.Join(", ", unset)} (set them in `Environments[{environment.Name}].Parameters` and publish again; the features that need them answer 503 until then).\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"- DNS: `{target.Hostname}` to this cluster's load balancer; `{environment.Hostname}` to the global DNS layer in front of every target.\n");
        text.Append(profile.CertificateMode == CertificateMode.AwsCertificateManager
            ? $"- TLS: an ACM certificate for `{environment.Hostname}` and `{target.Hostname}` in {target.Region} (the ALB finds it by host).\n"
            : $"- TLS: cert-manager ClusterIssuer `{Kubernetes.Ingress.IngressController.ClusterIssuer}` (ACME, DNS-01 for the zone of `{environment.Hostname}`).\n");
        foreach (var prerequisite in Kubernetes.Ingress.IngressController.For(profile.IngressMode, model).Prerequisites(environment.Name))
        {
            text.Append("- ").Append(prerequisite).Append('\n');
        }

        if (target.Stores == StoreMode.Managed)
        {
            foreach (var store in model.DataStores)
            {
                var address = model.StoreAddress(environment, target, store);
                var across = address.ServedBy == target.Cloud ? string.Empty : $", the system of record on {CloudProfile.KeyOf(address.ServedBy)}, reached across the private interconnect";
                text.Append(CultureInfo.InvariantCulture, $"- `{address.Host}` resolving from this cluster to {store.Name} on port {address.Port}{(address.Tls ? " (TLS)" : string.Empty)}, inside `{address.Network}`{across}.\n");
            }
        }
        else if (!model.DataStores.IsDefaultOrEmpty)
        {
            var storageClass = profile.StorageClass(target.Account.StorageClass);
            text.Append(CultureInfo.InvariantCulture, $"- StorageClass `{storageClass.Name}`: {storageClass.Origin}.\n");
        }

        var identities = model.Services.Select(s => s.Name).Append(InfrastructureNaming.SecretStoreIdentity)
            .Select(w => profile.WorkloadIdentity(model.Naming, target.Account.AccountId, environment.Name, w)?.Value)
            .OfType<string>().ToList();
        if (identities.Count > 0)
        {
            text.Append("- Workload identities: ").Append(string.Join(", ", identities.Select(i => $"`{i}`"))).Append('\n');
        }

        foreach (var prerequisite in SecretBackends.Prerequisites(model, environment, target))
        {
            text.Append("- ").Append(prerequisite).Append('\n');
        }

        ReleaseCommands.Append(text, model, environment, target);
    }
}
