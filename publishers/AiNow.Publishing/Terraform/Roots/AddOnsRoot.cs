using System.Globalization;
using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Monitoring;
using AiNow.Publishing.Terraform.Hcl;

namespace AiNow.Publishing.Terraform.Roots;

/// <summary>
/// Stage 2: the cluster add-ons the overlays need, from the same pinned charts and settings the
/// overview's install commands use (<see cref="KnownAddOns"/>), so a cluster built by Terraform and one
/// built by hand run the same versions. On DigitalOcean it also makes the managed stores' private
/// names resolve inside the cluster, which has no private DNS zones.
/// </summary>
internal static class AddOnsRoot
{
    // Controllers whose webhooks admit other objects (Services, pods) go first, so the other charts install through them.
    private static readonly HashSet<string> Early = new(StringComparer.Ordinal) { KnownAddOns.AwsLoadBalancerController.Name, KnownAddOns.MetalLb.Name };

    // Charts that create a ServiceMonitor go after kube-prometheus-stack, which brings its CRD.
    private static readonly HashSet<string> Monitored = new(StringComparer.Ordinal) { KnownAddOns.CertManager.Name };

    public static TerraformRoot For(DeploymentModel model, EnvironmentPlan environment, CloudTarget target)
    {
        var path = TerraformLayout.Root(environment, target, TerraformStage.AddOns);
        var root = new RootBuilder(path, $"{environment.Name} on {target.Key}: the cluster add-ons, pinned", StateBackend.ForStage(model.Naming, environment, target, TerraformStage.AddOns));
        ClusterAccess.Configure(root, model, environment, target, helm: true);

        var addOns = KnownAddOns.For(target.Profile, environment.Rollout.Strategy).Where(a => a.Chart is not null).ToList();
        root.Module("addons", "shared/cluster-addons",
            [new("addons", HclValues.Map(addOns, a => a.Name, a => AddOn(model, environment, target, a)))],
            [new("values", PublishedConfigurations(root, environment, target, addOns))]);

        if (target.Profile.SecretBackend == SecretBackend.Vault)
        {
            root.Module("vault_token_review", "shared/vault-token-review",
            [
                new("name", $"{model.Naming.Namespace(environment.Name)}-vault-token-review"),
                new("namespace", model.Naming.Namespace(environment.Name)),
                new("service_account", InfrastructureNaming.SecretStoreIdentity),
            ]);
        }

        if (target.Cloud == Cloud.DigitalOcean && target.Stores == StoreMode.Managed)
        {
            root.Module("store_dns", "digitalocean/store-dns", [new("labels", FoundationInputs.Labels(model, environment))], [new("zone_names", StoreNames(model, environment, target, root))]);
        }

        return root.Build();
    }

    private static HclObject AddOn(DeploymentModel model, EnvironmentPlan environment, CloudTarget target, AddOn addOn)
    {
        var chart = addOn.Chart!;
        return HclValues.Object(
            ("repository", chart.Repository),
            ("chart", chart.Chart),
            ("version", chart.Version),
            ("namespace", chart.Namespace),
            ("tier", Tier(addOn)),
            // A LoadBalancer Service gets its address from MetalLB's pool, which stage 3 makes: waiting for it here would never end.
            ("wait", !(addOn.Name == KnownAddOns.IngressNginx.Name && target.Profile.AddOns.Contains(KnownAddOns.MetalLb))),
            ("settings", new HclList(chart.Values.SelectMany(s => Resolve(model, environment, target, addOn, s)).Select(s => (HclExpression)HclValues.Object(("name", s.Name), ("value", s.Value))).ToList())));
    }

    /// <summary>The tier of the stage's module the release is installed in: each waits for the ones before it.</summary>
    private static string Tier(AddOn addOn) =>
        Early.Contains(addOn.Name) ? "early" : Monitored.Contains(addOn.Name) ? "monitored" : "main";

    /// <summary>A setting as this cluster takes it: none for a cloud identity the cloud does not have.</summary>
    private static IEnumerable<(string Name, string Value)> Resolve(DeploymentModel model, EnvironmentPlan environment, CloudTarget target, AddOn addOn, HelmSetting setting)
    {
        if (setting.Source == HelmValue.CollectorIdentity)
        {
            if (target.Profile.WorkloadIdentity(model.Naming, target.Account.AccountId, environment.Name, KnownAddOns.CollectorIdentitySubject) is { } identity)
            {
                // --set reads dots as nesting: the annotation's own dots are escaped.
                yield return ($"{setting.Name}.{identity.Key.Replace(".", "\\.", StringComparison.Ordinal)}", identity.Value);
            }

            yield break;
        }

        yield return (setting.Name, setting.Source switch
        {
            HelmValue.Literal => setting.Value,
            HelmValue.ClusterName => model.Naming.ClusterName(environment.Name),
            HelmValue.AddOnRoleArn => model.Naming.AddOnRoleArn(target.Account.AccountId, environment.Name, addOn.Name),
            HelmValue.Region => target.Region,
            HelmValue.StorageClass => target.Profile.StorageClass(target.Account.StorageClass).Name,
            HelmValue.ApplicationLogRetention => Hours(TelemetryInputs.RetentionDays(environment, TelemetryDestinations.ApplicationLogType)),
            HelmValue.AuditLogRetention => Hours(TelemetryInputs.RetentionDays(environment, TelemetryDestinations.AuditLogType)),
            HelmValue.TraceRetention => Hours(environment.Infrastructure.TraceRetentionDays),
            HelmValue.TelemetryVolumeSize => environment.Infrastructure.TelemetryVolumeSize,
            _ => throw new ArgumentOutOfRangeException(nameof(setting), setting.Source, null),
        });
    }

    /// <summary>A retention in days as Loki and Tempo write durations (<c>336h</c>): neither takes days.</summary>
    private static string Hours(int days) => (days * 24).ToString(CultureInfo.InvariantCulture) + "h";

    /// <summary>
    /// The published configurations handed to charts whole, each written beside the root and read from
    /// there: the collector's as the chart's <c>alternateConfig</c> (used as given, never merged with the
    /// chart's default receivers and pipelines) and Alertmanager's as <c>alertmanager.config</c>.
    /// </summary>
    private static HclObject PublishedConfigurations(RootBuilder root, EnvironmentPlan environment, CloudTarget target, IReadOnlyList<AddOn> addOns)
    {
        var values = new List<(string Key, HclExpression Value)>();
        if (addOns.Any(a => a.Name == KnownAddOns.Prometheus.Name))
        {
            var alertmanager = root.File(TelemetryDestinations.AlertmanagerConfigFile, AlertmanagerConfig.Render(environment, target));
            var settings = root.File(TelemetryDestinations.PrometheusSettingsFile, ManifestYaml.Serialize(ChartValues.PrometheusSettings(target)));
            values.Add((KnownAddOns.Prometheus.Name, Documents(settings,
                HclValues.Object((ChartValues.AlertmanagerConfigValue.Section, HclValues.Object((ChartValues.AlertmanagerConfigValue.Key, Decoded(alertmanager))))))));
        }

        if (addOns.Any(a => a.Name == KnownAddOns.OpenTelemetryCollector.Name))
        {
            var collector = root.File(TelemetryDestinations.CollectorConfigFile, CollectorConfig.Render(environment, target));
            var settings = root.File(TelemetryDestinations.CollectorSettingsFile, ManifestYaml.Serialize(ChartValues.CollectorSettings()));
            values.Add((KnownAddOns.OpenTelemetryCollector.Name, Documents(settings, HclValues.Object((ChartValues.CollectorConfigValue, Decoded(collector))))));
        }

        return HclValues.Object([.. values]);
    }

    // Two values documents, applied in order as Helm applies several -f files: the chart settings, then the configuration.
    private static HclList Documents(HclCall settingsFile, HclObject configuration) =>
        new([settingsFile, new HclCall("yamlencode", configuration)]);

    private static HclCall Decoded(HclCall file) => new("yamldecode", file);

    /// <summary>The private names the overlay uses for the managed stores, and where each really is.</summary>
    private static HclObject StoreNames(DeploymentModel model, EnvironmentPlan environment, CloudTarget target, RootBuilder root)
    {
        var postgres = model.StoreAddress(environment, target, model.SingleStore(DataStoreKind.Postgres));
        var redis = model.StoreAddress(environment, target, model.SingleStore(DataStoreKind.Redis));
        return HclValues.Map(
            [
                (redis.Host, (HclExpression)ClusterAccess.FoundationOutput(root, model, environment, target, "redis_address")),
                (postgres.Host, postgres.ServedBy == target.Cloud
                    ? ClusterAccess.FoundationOutput(root, model, environment, target, "postgres_address")
                    : SystemOfRecord.Address(model, environment, target, root)),
            ],
            e => e.Item1,
            e => e.Item2);
    }
}
