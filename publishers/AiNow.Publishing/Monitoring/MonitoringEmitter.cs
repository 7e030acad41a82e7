using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Kubernetes.Kustomize;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Monitoring.Rules;
using AiNow.Publishing.Monitoring.Runbooks;
using AiNow.Publishing.Writing;

namespace AiNow.Publishing.Monitoring;

/// <summary>
/// <c>manifests/monitoring/</c>: per environment and target a kustomization (PrometheusRule,
/// ServiceMonitor, dashboards, the collector's NetworkPolicy) with the collector's and Alertmanager's
/// configurations and the charts' values files holding them beside it, one
/// runbook page per alert, and a README. Pure and deterministic like every emitter.
/// </summary>
public sealed class MonitoringEmitter : IDeploymentEmitter
{
    /// <summary>The PrometheusRule file in each kustomization.</summary>
    public const string RulesFile = "rules.yaml";

    /// <summary>The ServiceMonitor file in each kustomization.</summary>
    public const string MonitorFile = "service-monitor.yaml";

    /// <summary>The dashboards file in each kustomization.</summary>
    public const string DashboardsFile = "dashboards.yaml";

    /// <inheritdoc />
    public string StepName => "publish-monitoring";

    /// <inheritdoc />
    public string? OutputFolder => MonitoringLayout.Folder;

    /// <inheritdoc />
    public IReadOnlyList<GeneratedFile> Emit(DeploymentModel model)
    {
        ArgumentNullException.ThrowIfNull(model);

        var files = new List<GeneratedFile> { new(MonitoringReadme.FileName, MonitoringReadme.Write(model)) };
        var alerts = new List<(EnvironmentPlan, IReadOnlyList<AlertRule>)>();
        foreach (var environment in model.Environments)
        {
            var objects = new MonitoringObjects(model, environment);
            // One runbook row per alert of the environment, whichever of its targets emits it.
            alerts.Add((environment, [.. environment.Targets.SelectMany(t => AlertCatalog.For(objects.ContextOn(t)).SelectMany(set => set.Alerts)).DistinctBy(a => (a.Name, a.Severity, a.For, a.Expression))]));
            foreach (var target in environment.Targets)
            {
                var folder = MonitoringLayout.TargetFolder(environment, target);
                files.Add(new($"{folder}/kustomization.yaml", ManifestYaml.Serialize(Kustomization.Create(component: false) with
                {
                    Namespace = TelemetryDestinations.MonitoringNamespace,
                    Resources = [CollectorIngressPolicy.FileName, DashboardsFile, RulesFile, MonitorFile],
                })));
                files.Add(new($"{folder}/{RulesFile}", ManifestYaml.Serialize(objects.Rules(target))));
                files.Add(new($"{folder}/{MonitorFile}", ManifestYaml.Serialize(objects.CollectorMonitor())));
                files.Add(new($"{folder}/{CollectorIngressPolicy.FileName}", ManifestYaml.Serialize(CollectorIngressPolicy.Build(model, environment, target))));
                files.Add(new($"{folder}/{DashboardsFile}", ManifestYaml.Serialize(objects.Dashboards().Select(d => (object)MonitoringObjects.DashboardConfigMap(model, d)))));
                files.Add(new($"{folder}/{TelemetryDestinations.CollectorConfigFile}", CollectorConfig.Render(environment, target)));
                files.Add(new($"{folder}/{TelemetryDestinations.AlertmanagerConfigFile}", AlertmanagerConfig.Render(environment, target)));
                files.Add(new($"{folder}/{TelemetryDestinations.CollectorValuesFile}", ChartValues.Collector(environment, target)));
                files.Add(new($"{folder}/{TelemetryDestinations.PrometheusValuesFile}", ChartValues.Prometheus(environment, target)));
            }
        }

        files.AddRange(RunbookPages.Write(model, alerts).Select(page => new GeneratedFile($"{MonitoringLayout.RunbooksFolder}/{page.Alert}.md", page.Text)));
        return files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }
}
