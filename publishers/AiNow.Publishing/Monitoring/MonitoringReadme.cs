using System.Globalization;
using System.Text;
using AiNow.Contracts.Telemetry;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Monitoring.Alerting;
using AiNow.Publishing.Monitoring.Collector;
using AiNow.Publishing.Monitoring.Rules;

namespace AiNow.Publishing.Monitoring;

/// <summary><c>monitoring/README.md</c>: what each folder holds, how to apply it, where each signal goes and for how long, and the receivers' Secret.</summary>
internal static class MonitoringReadme
{
    public const string FileName = "README.md";

    public static string Write(DeploymentModel model)
    {
        var text = new StringBuilder(Runbooks.RunbookPages.Header).Append("\n\n");
        text.Append("# Monitoring\n\n");
        text.Append("Alerts, dashboards, the OpenTelemetry Collector's and Alertmanager's configuration for every environment and target, generated from the same app model as the Kubernetes and Terraform output.\n\n");
        text.Append("## Folders\n\n");
        text.Append("- `<environment>-<target>/`: a kustomization in namespace `").Append(TelemetryDestinations.MonitoringNamespace).Append("` with\n");
        text.Append(CultureInfo.InvariantCulture, $"  `{MonitoringEmitter.RulesFile}` (PrometheusRule: recording rules, threshold, anomaly and SLO burn-rate alerts), `{MonitoringEmitter.MonitorFile}` (scrapes the collector's Prometheus exporter), `{MonitoringEmitter.DashboardsFile}` (Grafana dashboards as ConfigMaps labelled `grafana_dashboard: \"1\"`) and `{CollectorIngressPolicy.FileName}` (who may reach the collector; see below).\n");
        text.Append(CultureInfo.InvariantCulture, $"  Beside it, **not** in the kustomization: `{TelemetryDestinations.CollectorConfigFile}` (the collector's configuration, passed by the add-ons stage as the chart's `alternateConfig`) and `{TelemetryDestinations.AlertmanagerConfigFile}` (passed as kube-prometheus-stack's `alertmanager.config`), and the same two as the charts' values files for an install by hand (`helm -f`): `{TelemetryDestinations.CollectorValuesFile}` and `{TelemetryDestinations.PrometheusValuesFile}` (the overview's install commands read them).\n");
        text.Append("- `runbooks/<Alert>.md`: one page per alert; every alert's `runbook_url` points at its page.\n\n");

        text.Append("## Apply\n\n");
        text.Append(CultureInfo.InvariantCulture, $"After the add-ons (kube-prometheus-stack {KnownAddOns.Prometheus.Version} brings the PrometheusRule and ServiceMonitor CRDs, and Grafana; the OpenTelemetry Collector chart {KnownAddOns.OpenTelemetryCollector.Version}), before the application overlay (its rollout analysis queries this Prometheus):\n\n");
        text.Append("```bash\nkubectl apply -k manifests/monitoring/<environment>-<target>\n```\n\n");
        text.Append("The deploy step and the overview's runbook do this for you, in that order.\n\n");
        text.Append("Values the add-ons must set for this output to work:\n\n");
        text.Append(CultureInfo.InvariantCulture, $"- OpenTelemetry Collector chart: `alternateConfig` = `{TelemetryDestinations.CollectorConfigFile}`; a Service port named `{TelemetryDestinations.CollectorMetricsPortName}` on {TelemetryDestinations.CollectorMetricsPort} (`ports.{TelemetryDestinations.CollectorMetricsPortName}.enabled=true`, `containerPort` and `servicePort` {TelemetryDestinations.CollectorMetricsPort}); service account `{TelemetryDestinations.CollectorServiceAccount}` bound to the cloud identity that may write the logs and traces below; the chart's `{CollectorConfig.SelfMetricsPortName}` port ({CollectorConfig.SelfMetricsPort}, the collector's own metrics, which the exporter alerts read) open, {ChartValues.CollectorReplicas} replicas with a PodDisruptionBudget, and a memory limit ({ChartValues.CollectorMemoryLimit}) that memory_limiter's percentages are shares of (all in `{TelemetryDestinations.CollectorValuesFile}`).\n");
        text.Append(CultureInfo.InvariantCulture, $"- kube-prometheus-stack: `alertmanager.config` = `{TelemetryDestinations.AlertmanagerConfigFile}`; `alertmanager.alertmanagerSpec.secrets` = [`{TelemetryDestinations.ReceiversSecretName}`]; the default rule and monitor selectors (label `release: {KnownAddOns.Prometheus.Name}`) left on; the scrapes of `kubeControllerManager`, `kubeScheduler` and `kubeEtcd` off where the cloud manages the control plane (EKS, GKE, DOKS) and of `kubeProxy` where the CNI replaces it (GKE Dataplane V2, DOKS Cilium), as `{TelemetryDestinations.PrometheusValuesFile}` sets them: left on, each is a target always down and a chart alert always firing.\n");
        text.Append("- cert-manager: `prometheus.servicemonitor.enabled=true` (the certificate expiry alerts read its metrics). The expiry alerts, and `CertificateMetricsMissing` that notices a missing scrape, exist only on targets that run cert-manager; on AWS the public certificate is ACM's, which renews by itself while its DNS validation record stays in place, so nothing there is watched.\n\n");
        AppendCollectorPolicy(text, model);

        text.Append("## Where each signal goes, and for how long\n\n");
        text.Append("Metrics go to the in-cluster Prometheus everywhere (the collector's Prometheus exporter, scraped by the ServiceMonitor; kube-prometheus-stack's retention). Logs are split by the record's `")
            .Append(AuditContract.LogTypeProperty).Append("` attribute: `").Append(AuditContract.AuditLogType).Append("` is the audit log, anything else the application log.\n\n");
        text.Append("| environment | target | traces | application logs | audit logs |\n|---|---|---|---|---|\n");
        foreach (var environment in model.Environments)
        {
            foreach (var target in environment.Targets)
            {
                var backend = BackendExporters.For(environment, target);
                text.Append(CultureInfo.InvariantCulture, $"| {environment.Name} | {target.Key} | {backend.Traces.Destination}, {TraceRetention(environment, target)} | {backend.Logs[TelemetryDestinations.ApplicationLogType].Destination}, {environment.Infrastructure.LogRetentionDays} days | {backend.Logs[TelemetryDestinations.AuditLogType].Destination}, {environment.Infrastructure.AuditLogRetentionDays} days |\n");
            }
        }

        text.Append("\nRetention is set where the logs live: the CloudWatch log groups and Cloud Logging buckets by Terraform (`Infrastructure.LogRetentionDays`, `Infrastructure.AuditLogRetentionDays`), Loki's per-tenant limits on-premises and on DigitalOcean. ");
        text.Append(CultureInfo.InvariantCulture, $"Traces: X-Ray and Cloud Trace keep them {TelemetryDestinations.ManagedTraceRetentionDays} days, fixed by each service; Tempo for `Infrastructure.TraceRetentionDays`. Loki and Tempo each write to a volume of `Infrastructure.TelemetryVolumeSize` ({string.Join(", ", model.Environments.Select(e => $"{e.Name} {e.Infrastructure.TelemetryVolumeSize}"))}). ");
        text.Append("On Google Cloud the log name carries the environment, so environments sharing a project route only their own logs into their buckets. ");
        text.Append("Where Loki and Tempo keep them, kube-prometheus-stack's Grafana gets a data source per Loki tenant (`Loki (application)`, `Loki (audit)`, each querying under its own `X-Scope-OrgID`) and `Tempo`; give only auditors access to the audit one (Grafana's data source permissions).\n\n");
        text.Append("In CloudWatch each entry is the collector's JSON envelope: the message in `body`, the record's attributes under `attributes`, the service's under `resource`. Logs Insights reads them by path, for example on the audit log group:\n\n");
        text.Append(CultureInfo.InvariantCulture, $"```\nfields @timestamp, attributes.AuditAction, attributes.AuditOutcome, attributes.AuditActor, attributes.TenantId, attributes.SourceAddress, body\n| filter attributes.AuditOutcome = \"{RecordingRules.DeniedOutcome}\"\n| sort @timestamp desc\n```\n\n");

        text.Append("## Alert routing and the receivers' Secret\n\n");
        text.Append("Alerts carry `severity` (critical, warning, info) and `team` (").Append(string.Join(", ", AlertTeams.All.Select(t => $"`{t}`"))).Append("). ");
        text.Append("Critical alerts page (PagerDuty) only in production-grade environments (");
        text.Append(string.Join(", ", model.Environments.Where(AlertmanagerConfig.Pages).Select(e => e.Name)));
        text.Append("); elsewhere they go to chat (Slack) like warnings. Info alerts notify nobody. kube-prometheus-stack's own alerts carry no team: they go to the platform team by severity (critical pages where the environment pages, warning to chat, info and none to nobody). `Watchdog` and `InfoInhibitor` always fire by design and notify nobody; the better home of `Watchdog` is a dead man's switch (a service such as Healthchecks.io or PagerDuty's heartbeat that alerts when the notifications stop): add a receiver with a `webhook_configs` entry whose `url_file` is a key of the receivers' Secret, route `alertname=\"Watchdog\"` to it with `repeat_interval: 1m`, and the whole alerting path is watched. A critical alert mutes the warning of the same name about the same object (equal ").Append(string.Join(", ", AlertmanagerConfig.InhibitionEqual.Select(l => $"`{l}`"))).Append("); `")
            .Append(AlertmanagerConfig.ClusterOutageAlert).Append("` mutes everything else.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Create the Secret `{TelemetryDestinations.ReceiversSecretName}` in namespace `{TelemetryDestinations.MonitoringNamespace}` before installing kube-prometheus-stack; Alertmanager reads each key as a file under `{TelemetryDestinations.ReceiversMountDirectory}/`:\n\n");
        text.Append(CultureInfo.InvariantCulture, $"- production-grade environments: {string.Join(", ", AlertReceivers.Keys(pages: true).Select(k => $"`{k}`"))}\n");
        text.Append(CultureInfo.InvariantCulture, $"- other environments: {string.Join(", ", AlertReceivers.Keys(pages: false).Select(k => $"`{k}`"))}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"```bash\nkubectl -n {TelemetryDestinations.MonitoringNamespace} create secret generic {TelemetryDestinations.ReceiversSecretName} \\\n");
        text.Append(string.Join(" \\\n", AlertReceivers.Keys(pages: true).Select(k => $"  --from-file={k}=./{k}")));
        text.Append("\n```\n\n");

        text.Append("## Metrics the expressions use\n\n");
        text.Append("The AI-Now metrics come from the catalog (`AiNow.Contracts.Telemetry.AiNowMetrics`); besides them only these standard metrics:\n\n");
        foreach (var metric in StandardMetrics.All)
        {
            text.Append(CultureInfo.InvariantCulture, $"- `{metric.Name}`: {metric.Source}\n");
        }

        return text.ToString();
    }

    private static string TraceRetention(EnvironmentPlan environment, CloudTarget target)
    {
        var backend = target.Profile.TelemetryBackend;
        var days = TelemetryDestinations.TraceRetentionDays(backend, environment.Infrastructure.TraceRetentionDays);
        return backend == TelemetryBackend.LokiAndTempo ? $"{days} days" : $"{days} days (fixed by the service)";
    }

    private static void AppendCollectorPolicy(StringBuilder text, DeploymentModel model)
    {
        text.Append("## Who may reach the collector\n\n");
        text.Append(CultureInfo.InvariantCulture, $"`{CollectorIngressPolicy.FileName}` selects the collector's pods (`{CollectorIngressPolicy.CollectorPods.Key}: {CollectorIngressPolicy.CollectorPods.Value}`) and admits only: OTLP ({CollectorConfig.OtlpGrpcPort}, {CollectorConfig.OtlpHttpPort}) from the environment's application namespace ({string.Join(", ", model.Environments.Select(e => $"`{model.Naming.Namespace(e.Name)}`"))}); the Prometheus exporter ({TelemetryDestinations.CollectorMetricsPort}) from Prometheus's pods (`{CollectorIngressPolicy.PrometheusPods.Key}: {CollectorIngressPolicy.PrometheusPods.Value}`); the health check ({CollectorConfig.HealthCheckPort}) from the target's private range, for the kubelet's probes on network plugins that subject a node's own traffic to policies. ");
        text.Append("Nothing in the monitoring namespace exports to the collector, so nothing there is admitted to OTLP. ");
        text.Append("The policy restricts ingress only: the collector's egress to the clouds' logging and tracing APIs (public addresses that change) stays open.\n\n");
    }
}
