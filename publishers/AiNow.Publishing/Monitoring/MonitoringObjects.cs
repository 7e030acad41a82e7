using AiNow.Publishing.Delivery;
using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Monitoring.Crds;
using AiNow.Publishing.Monitoring.Dashboards;
using AiNow.Publishing.Monitoring.Rules;
using k8s.Models;

namespace AiNow.Publishing.Monitoring;

/// <summary>
/// The Kubernetes objects of one environment on one target in the monitoring namespace: the
/// PrometheusRule, the ServiceMonitor of the collector's Prometheus exporter and the dashboards.
/// Rules and monitors carry the label kube-prometheus-stack's default selectors match (its release name).
/// </summary>
/// <param name="model">The deployment model.</param>
/// <param name="environment">The environment.</param>
internal sealed class MonitoringObjects(DeploymentModel model, EnvironmentPlan environment)
{
    /// <summary>The label kube-prometheus-stack selects rules and monitors by, and its value (the Helm release name).</summary>
    public static (string Key, string Value) ReleaseLabel => ("release", KnownAddOns.Prometheus.Name);

    /// <summary>The label the kube-prometheus-stack Grafana sidecar loads dashboards from.</summary>
    public static (string Key, string Value) DashboardLabel => ("grafana_dashboard", "1");

    private readonly RuleContext _context = new(model, environment);

    /// <summary>The rule context of the environment.</summary>
    public RuleContext Context => _context;

    /// <summary>The rule context of the environment on <paramref name="target"/>, whose add-ons decide some alerts.</summary>
    public RuleContext ContextOn(CloudTarget target) => _context with { Target = target };

    /// <summary>The environment's rules on <paramref name="target"/> in one PrometheusRule.</summary>
    public PrometheusRule Rules(CloudTarget target) => new(
        Metadata($"ainow-{environment.Name}-rules", ReleaseLabel),
        new PrometheusRuleSpec([.. AlertCatalog.For(ContextOn(target)).Select(set => AlertCatalog.ToGroup(set, MonitoringLayout.RunbookBase(model)))]));

    /// <summary>
    /// Scrapes the collector's Prometheus exporter and its own metrics. On the exporter <c>honorLabels</c>
    /// keeps the exporter's <c>job</c> (each series' service.name), which alerts and the rollout analysis
    /// select on; without it every series would carry the collector's own job. The collector's own
    /// metrics carry no job, so they get the collector's.
    /// </summary>
    public ServiceMonitor CollectorMonitor() => new(
        Metadata(_context.CollectorService, ReleaseLabel),
        new ServiceMonitorSpec(
            new V1LabelSelector { MatchLabels = KubernetesLabels.Sorted((KubernetesLabels.Name, TelemetryPlan.CollectorPodName)) },
            new NamespaceSelector([TelemetryDestinations.MonitoringNamespace]),
            [
                new ScrapeEndpoint(TelemetryDestinations.CollectorMetricsPortName, "15s", HonorLabels: true),
                new ScrapeEndpoint(CollectorConfig.SelfMetricsPortName, "30s", HonorLabels: false),
            ]));

    /// <summary>One dashboard per long-running service, then the business dashboard.</summary>
    public IEnumerable<Dashboard> Dashboards() =>
        model.Services.Where(s => s.Kind == WorkloadKind.LongRunning).Select(s => ServiceDashboard.Build(_context, s.Name))
            .Append(BusinessDashboard.Build(_context));

    /// <summary>A dashboard as a ConfigMap the Grafana sidecar loads.</summary>
    public static V1ConfigMap DashboardConfigMap(DeploymentModel model, Dashboard dashboard)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(dashboard);
        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = KubernetesLabels.Metadata(model.ApplicationName, $"dashboard-{dashboard.Uid}", null, DashboardLabel),
            Data = new SortedDictionary<string, string>(StringComparer.Ordinal) { [$"{dashboard.Uid}.json"] = DeliveryJson.Serialize(dashboard) },
        };
    }

    private V1ObjectMeta Metadata(string name, params (string Key, string Value)[] extra) => KubernetesLabels.Metadata(model.ApplicationName, name, null, extra);
}
