using System.Collections.Immutable;
using System.Globalization;

namespace AiNow.Publishing.Model.Clouds;

/// <summary>
/// The cluster add-ons the output is written for, each pinned to the version its objects were checked
/// against (the schemas in the validation lockfile). One home, so the overview, README and profiles
/// quote the same versions, and each install command is built from the pinned chart.
/// </summary>
public static class KnownAddOns
{
    /// <summary>External Secrets Operator: the <c>external-secrets.io/v1</c> SecretStore and ExternalSecrets.</summary>
    public static AddOn ExternalSecrets { get; } = new(
        "external-secrets", "0.17.0", "SecretStore and ExternalSecrets (external-secrets.io/v1)",
        new HelmChart("https://charts.external-secrets.io", "external-secrets", "0.17.0", "external-secrets"));

    /// <summary>Argo Rollouts: canary and blue/green Rollouts and their AnalysisTemplates.</summary>
    public static AddOn ArgoRollouts { get; } = new(
        "argo-rollouts", "1.8.3", "Rollouts and AnalysisTemplates (argoproj.io/v1alpha1) in environments with progressive delivery",
        new HelmChart("https://argoproj.github.io/argo-helm", "argo-rollouts", "2.39.6", "argo-rollouts"));

    /// <summary>
    /// Prometheus (kube-prometheus-stack): the rollout analysis queries it; it scrapes the collector's
    /// Prometheus exporter (the collector pushes nothing, so no OTLP receiver is turned on). Its
    /// Alertmanager mounts the receivers' Secret, whose files the published routing reads; its rule and
    /// monitor selectors keep the chart's default (objects labelled <c>release: kube-prometheus-stack</c>).
    /// </summary>
    public static AddOn Prometheus { get; } = new(
        "kube-prometheus-stack", "75.15.1", $"the Prometheus the rollout analysis queries (prometheus-operated.monitoring:9090), scraping the collector's exporter; Alertmanager routing as published (`{TelemetryDestinations.AlertmanagerConfigFile}`, which the add-ons stage gives as `alertmanager.config`), with the receivers' Secret `{TelemetryDestinations.ReceiversSecretName}` (the operator's) mounted",
        new HelmChart("https://prometheus-community.github.io/helm-charts", "kube-prometheus-stack", "75.15.1", TelemetryDestinations.MonitoringNamespace, [new("alertmanager.alertmanagerSpec.secrets[0]", TelemetryDestinations.ReceiversSecretName)], TelemetryDestinations.PrometheusValuesFile));

    /// <summary>
    /// The OpenTelemetry Collector every pod exports to. Its configuration is the published one, given
    /// whole as the chart's <c>alternateConfig</c> (not merged with the chart's default receivers and
    /// pipelines); the ports of receivers it does not run are closed, and the Prometheus exporter's
    /// port is opened for the ServiceMonitor.
    /// </summary>
    public static AddOn OpenTelemetryCollector { get; } = new(
        "opentelemetry-collector", "0.127.2", $"OTLP from every pod (otel-collector.monitoring:4317); metrics on its Prometheus exporter (port `{TelemetryDestinations.CollectorMetricsPortName}`, {TelemetryDestinations.CollectorMetricsPort}) with the resource attribute rollouts.pod_template_hash as a label, which the rollout analysis selects on; logs and traces to the cloud's services (Loki and Tempo where it has none). Its configuration is the published `{TelemetryDestinations.CollectorConfigFile}`, which the add-ons stage gives as the chart's `alternateConfig`; service account `{TelemetryDestinations.CollectorServiceAccount}`, bound to the collector's cloud identity on AWS and Google Cloud",
        new HelmChart("https://open-telemetry.github.io/opentelemetry-helm-charts", "opentelemetry-collector", "0.127.2", TelemetryDestinations.MonitoringNamespace,
        [
            new("mode", "deployment"),
            new("fullnameOverride", "otel-collector"),
            new("image.repository", "otel/opentelemetry-collector-contrib"),
            new("serviceAccount.name", TelemetryDestinations.CollectorServiceAccount),
            new("serviceAccount.annotations", "<identity annotation>=<identity>", HelmValue.CollectorIdentity),
            // The chart opens the Jaeger and Zipkin ports by default; no receiver listens behind them.
            new("ports.jaeger-compact.enabled", "false"),
            new("ports.jaeger-thrift.enabled", "false"),
            new("ports.jaeger-grpc.enabled", "false"),
            new("ports.zipkin.enabled", "false"),
            new($"ports.{TelemetryDestinations.CollectorMetricsPortName}.enabled", "true"),
            new($"ports.{TelemetryDestinations.CollectorMetricsPortName}.containerPort", TelemetryDestinations.CollectorMetricsPort.ToString(CultureInfo.InvariantCulture)),
            new($"ports.{TelemetryDestinations.CollectorMetricsPortName}.servicePort", TelemetryDestinations.CollectorMetricsPort.ToString(CultureInfo.InvariantCulture)),
            new($"ports.{TelemetryDestinations.CollectorMetricsPortName}.protocol", "TCP"),
        ],
        TelemetryDestinations.CollectorValuesFile));

    /// <summary>The workload-identity subject of the collector: its IAM role and Google service account are <c>ainow-&lt;env&gt;-collector</c> (short enough for GCP's 30 characters).</summary>
    public const string CollectorIdentitySubject = "collector";

    /// <summary>
    /// Loki where the cloud has no logging service (<see cref="TelemetryBackend.LokiAndTempo"/>): one
    /// binary on a volume of the target's storage class (no object store to provision or hold keys
    /// for), multi-tenant with one tenant per log type, the compactor deleting each tenant's logs after
    /// its retention. One replica: the volume is the durability, and a restart pauses ingestion (the
    /// collector retries).
    /// </summary>
    public static AddOn Loki { get; } = new(
        "loki", "3.5.3", $"logs where the cloud has no logging service: tenants {string.Join(" and ", TelemetryDestinations.LogTypes.Select(TelemetryDestinations.LokiTenant))}, each kept for its own retention, written through loki-gateway.monitoring; one binary on a volume of the target's storage class",
        new HelmChart("https://grafana.github.io/helm-charts", "loki", "6.34.0", TelemetryDestinations.MonitoringNamespace,
        [
            new("deploymentMode", "SingleBinary"),
            new("singleBinary.replicas", "1"),
            new("read.replicas", "0"),
            new("write.replicas", "0"),
            new("backend.replicas", "0"),
            new("loki.auth_enabled", "true"),
            new("loki.commonConfig.replication_factor", "1"),
            new("loki.storage.type", "filesystem"),
            new("loki.schemaConfig.configs[0].from", "2024-04-01"),
            new("loki.schemaConfig.configs[0].store", "tsdb"),
            new("loki.schemaConfig.configs[0].object_store", "filesystem"),
            new("loki.schemaConfig.configs[0].schema", "v13"),
            new("loki.schemaConfig.configs[0].index.prefix", "index_"),
            new("loki.schemaConfig.configs[0].index.period", "24h"),
            new("loki.compactor.retention_enabled", "true"),
            new("loki.compactor.delete_request_store", "filesystem"),
            // A tenant without an override falls back to the shorter, application retention.
            new("loki.limits_config.retention_period", "<application retention>", HelmValue.ApplicationLogRetention),
            .. TelemetryDestinations.LogTypes.Select(type => new HelmSetting($"loki.runtimeConfig.overrides.{TelemetryDestinations.LokiTenant(type)}.retention_period", $"<{type} retention>", RetentionOf(type))),
            new("singleBinary.persistence.storageClass", "<storage class>", HelmValue.StorageClass),
            new("singleBinary.persistence.size", "<telemetry volume size>", HelmValue.TelemetryVolumeSize),
            // Removing the release must not remove the audit trail with it.
            new("singleBinary.persistence.enableStatefulSetAutoDeletePVC", "false"),
            new("gateway.enabled", "true"),
            // The memcached caches reserve gigabytes each; one binary does without them.
            new("chunksCache.enabled", "false"),
            new("resultsCache.enabled", "false"),
            new("lokiCanary.enabled", "false"),
            new("test.enabled", "false"),
        ]));

    /// <summary>Tempo where the cloud has no tracing service: one binary on a volume, keeping traces for the environment's trace retention.</summary>
    public static AddOn Tempo { get; } = new(
        "tempo", "2.8.2", "traces where the cloud has no tracing service (tempo.monitoring:4317, OTLP), kept for the environment's trace retention, on a volume of the target's storage class",
        new HelmChart("https://grafana.github.io/helm-charts", "tempo", "1.23.3", TelemetryDestinations.MonitoringNamespace,
        [
            new("tempo.retention", "<trace retention>", HelmValue.TraceRetention),
            new("tempo.reportingEnabled", "false"),
            new("persistence.enabled", "true"),
            new("persistence.storageClassName", "<storage class>", HelmValue.StorageClass),
            new("persistence.size", "<telemetry volume size>", HelmValue.TelemetryVolumeSize),
        ]));

    /// <summary>
    /// cert-manager with an ACME DNS-01 ClusterIssuer. Its controller's metrics feed the certificate expiry
    /// alerts: the chart's ServiceMonitor carries the label kube-prometheus-stack's Prometheus selects, and
    /// needs that chart's CRD, so the add-ons stage installs it after kube-prometheus-stack.
    /// </summary>
    public static AddOn CertManager { get; } = new(
        "cert-manager", "1.17.2", "the gateway's Certificate; a ClusterIssuer named as in the overview with a DNS-01 solver for the zone of the public names; its metrics (ServiceMonitor) for the certificate expiry alerts",
        new HelmChart("https://charts.jetstack.io", "cert-manager", "v1.17.2", "cert-manager",
        [
            new("crds.enabled", "true"),
            new("prometheus.enabled", "true"),
            new("prometheus.servicemonitor.enabled", "true"),
            new("prometheus.servicemonitor.labels.release", Prometheus.Name),
        ]));

    /// <summary>ingress-nginx.</summary>
    public static AddOn IngressNginx { get; } = new(
        "ingress-nginx", "1.12.1", "IngressClass nginx for the gateway's Ingress (namespace ingress-nginx, pods labelled app.kubernetes.io/name=ingress-nginx), with ModSecurity and the OWASP Core Rule Set as the edge's WAF",
        new HelmChart("https://kubernetes.github.io/ingress-nginx", "ingress-nginx", "4.12.1", "ingress-nginx",
        [
            // Where the cloud offers no managed WAF (DigitalOcean, a site): ModSecurity with the OWASP
            // Core Rule Set, in its default detection mode until its findings have been reviewed.
            new("controller.config.enable-modsecurity", "true"),
            new("controller.config.enable-owasp-modsecurity-crs", "true"),
        ]));

    /// <summary>AWS Load Balancer Controller.</summary>
    public static AddOn AwsLoadBalancerController { get; } = new(
        "aws-load-balancer-controller", "2.13.0", "IngressClass alb, pod readiness gates, the ALB's timeouts",
        new HelmChart("https://aws.github.io/eks-charts", "aws-load-balancer-controller", "1.13.0", "kube-system", [new("clusterName", "<cluster>", HelmValue.ClusterName), new(AwsRoleAnnotation, "<role ARN>", HelmValue.AddOnRoleArn)]));

    /// <summary>metrics-server: the HPAs' CPU metrics (GKE ships it; EKS, DOKS and a site do not).</summary>
    public static AddOn MetricsServer { get; } = new(
        "metrics-server", "0.7.2", "CPU metrics for the HorizontalPodAutoscalers",
        new HelmChart("https://kubernetes-sigs.github.io/metrics-server", "metrics-server", "3.12.2", "kube-system"));

    /// <summary>
    /// Cluster Autoscaler on EKS (GKE and DOKS scale their node pools themselves): without it the node
    /// groups stay at their minimum, and a blue/green preview at full size stays Pending.
    /// </summary>
    public static AddOn ClusterAutoscaler { get; } = new(
        "cluster-autoscaler", "1.33.0", "node groups that grow within their bounds when pods are Pending (the blue/green preview runs at full size beside the active stack)",
        new HelmChart("https://kubernetes.github.io/autoscaler", "cluster-autoscaler", "9.50.1", "kube-system",
        [
            new("autoDiscovery.clusterName", "<cluster>", HelmValue.ClusterName),
            new("awsRegion", "<region>", HelmValue.Region),
            new("rbac.serviceAccount.name", "cluster-autoscaler"),
            new("rbac." + AwsRoleAnnotation, "<role ARN>", HelmValue.AddOnRoleArn),
        ]));

    /// <summary>MetalLB: LoadBalancer Services on a site without a cloud load balancer.</summary>
    public static AddOn MetalLb { get; } = new(
        "metallb", "0.14.9", "an address for ingress-nginx's LoadBalancer Service (plus an IPAddressPool of the site's)",
        new HelmChart("https://metallb.github.io/metallb", "metallb", "0.14.9", "metallb-system"));

    /// <summary>The EBS CSI driver (EKS add-on).</summary>
    public static AddOn AwsEbsCsiDriver { get; } = new(
        "aws-ebs-csi-driver", "1.44.0", "the provisioner of the gp3 StorageClass the output creates",
        Command: "aws eks create-addon --cluster-name <cluster> --addon-name aws-ebs-csi-driver --addon-version v1.44.0-eksbuild.1 --service-account-role-arn <role ARN>");

    /// <summary>The Helm path of a chart's service-account annotation binding it to an IAM role (IRSA).</summary>
    public const string AwsRoleAnnotation = "serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn";

    /// <summary>The tools the runbook's commands use on the operator's machine.</summary>
    public static IReadOnlyList<AddOn> OperatorTools { get; } =
    [
        new("kustomize", "5.5.0", "the release kustomization (`kustomize edit set image`; `kubectl kustomize` cannot edit)", Command: "install the kustomize v5.5.0 binary"),
        new("kubectl-argo-rollouts", "1.8.3", "watching, promoting and aborting Rollouts", Command: "install the kubectl-argo-rollouts v1.8.3 binary"),
    ];

    /// <summary>
    /// The add-ons an environment on a cloud needs: the profile's, minus progressive delivery where the
    /// environment only rolls, plus Loki and Tempo where the cloud has no logging and tracing service.
    /// </summary>
    public static IEnumerable<AddOn> For(CloudProfile profile, RolloutStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var addOns = profile.AddOns.Where(a => strategy != RolloutStrategy.None || a.Name != ArgoRollouts.Name);
        return profile.TelemetryBackend == TelemetryBackend.LokiAndTempo
            ? addOns.Select(a => a.Name == OpenTelemetryCollector.Name ? InClusterCollector : a).Concat([Loki, Tempo])
            : addOns;
    }

    /// <summary>The collector where it writes only to Loki and Tempo in the cluster: no cloud identity to bind.</summary>
    private static AddOn InClusterCollector { get; } = OpenTelemetryCollector with
    {
        Chart = OpenTelemetryCollector.Chart! with { Settings = [.. OpenTelemetryCollector.Chart.Values.Where(s => s.Source != HelmValue.CollectorIdentity)] },
    };

    private static HelmValue RetentionOf(string logType) =>
        logType == TelemetryDestinations.AuditLogType ? HelmValue.AuditLogRetention : HelmValue.ApplicationLogRetention;
}

/// <summary>A cluster add-on that must run before an overlay is applied.</summary>
/// <param name="Name">Its name (<c>cert-manager</c>).</param>
/// <param name="Version">The pinned version the output was written for.</param>
/// <param name="Why">What in the output needs it.</param>
/// <param name="Chart">The Helm chart that installs it, or null.</param>
/// <param name="Command">The command that installs it when no chart does.</param>
public sealed record AddOn(string Name, string Version, string Why, HelmChart? Chart = null, string? Command = null)
{
    /// <summary>The command that installs it, reading a chart's published values file from <paramref name="valuesFolder"/>.</summary>
    public string Install(string valuesFolder) => Chart?.InstallCommand(Name, valuesFolder) ?? Command ?? throw new InvalidOperationException($"Add-on '{Name}' has no install command.");
}

/// <summary>A pinned Helm chart.</summary>
/// <param name="Repository">The chart repository.</param>
/// <param name="Chart">The chart's name.</param>
/// <param name="Version">The chart's version.</param>
/// <param name="Namespace">Where it is installed.</param>
/// <param name="Settings">The values set on install (<c>--set</c>), in order.</param>
/// <param name="ValuesFile">
/// The published values file of each environment and target (<c>-f</c>), holding a configuration the
/// add-ons stage hands to the release whole; null when the chart takes none.
/// </param>
public sealed record HelmChart(string Repository, string Chart, string Version, string Namespace, ImmutableArray<HelmSetting> Settings = default, string? ValuesFile = null)
{
    /// <summary>
    /// The idempotent install command, with placeholders where a value depends on the cluster, reading
    /// <see cref="ValuesFile"/> from <paramref name="valuesFolder"/> (the target's published monitoring folder).
    /// </summary>
    public string InstallCommand(string release, string valuesFolder) =>
        $"helm upgrade --install {release} {Chart} --repo {Repository} --version {Version} -n {Namespace} --create-namespace"
        + (ValuesFile is null ? string.Empty : $" -f {valuesFolder}/{ValuesFile}")
        + string.Concat(Values.Select(s => s.Source == HelmValue.CollectorIdentity ? $" --set {s.Name}.{s.Value}" : $" --set {s.Name}={s.Value}"));

    /// <summary>The settings (none when unset).</summary>
    public ImmutableArray<HelmSetting> Values => Settings.IsDefault ? [] : Settings;

    /// <summary>The same chart with <paramref name="more"/> settings after its own.</summary>
    public HelmChart With(params HelmSetting[] more) => this with { Settings = Values.AddRange(more) };
}

/// <summary>One <c>--set</c> of a chart: a literal, or a value each cluster supplies (shown as a placeholder in commands).</summary>
/// <param name="Name">The value's path in Helm's <c>--set</c> syntax (dots escaped with a backslash).</param>
/// <param name="Value">The literal value, or the placeholder shown in commands.</param>
/// <param name="Source">Where the value comes from.</param>
public sealed record HelmSetting(string Name, string Value, HelmValue Source = HelmValue.Literal);

/// <summary>Where a chart setting's value comes from.</summary>
public enum HelmValue
{
    /// <summary>The value as written.</summary>
    Literal,

    /// <summary>The cluster's name.</summary>
    ClusterName,

    /// <summary>The ARN of the IAM role made for this add-on (<see cref="Model.InfrastructureNaming.AddOnRoleName"/>).</summary>
    AddOnRoleArn,

    /// <summary>The cluster's region.</summary>
    Region,

    /// <summary>
    /// The annotation binding the chart's service account to the collector's cloud identity
    /// (<see cref="KnownAddOns.CollectorIdentitySubject"/>), key and value from the profile: the setting's
    /// name is the annotations map, and where the cloud has no workload identity there is no setting.
    /// </summary>
    CollectorIdentity,

    /// <summary>The storage class of the target's volumes.</summary>
    StorageClass,

    /// <summary>How long the environment keeps application logs, in hours (<c>336h</c>).</summary>
    ApplicationLogRetention,

    /// <summary>How long the environment keeps audit events, in hours.</summary>
    AuditLogRetention,

    /// <summary>How long the environment keeps traces where Tempo keeps them, in hours.</summary>
    TraceRetention,

    /// <summary>The size of Loki's and Tempo's volumes (<c>50Gi</c>).</summary>
    TelemetryVolumeSize,
}
