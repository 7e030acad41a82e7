using AiNow.Publishing.Model;
using AiNow.Publishing.Monitoring;

namespace AiNow.Publishing.Deployment;

/// <summary>
/// Applies the target's monitoring kustomization (rules, the collector's ServiceMonitor, dashboards)
/// before the release: it needs the kube-prometheus-stack CRDs from the add-ons stage, and the release's
/// rollout analysis needs Prometheus to be scraping the collector already.
/// </summary>
internal static class MonitoringStep
{
    /// <summary>The step for <paramref name="target"/> of <paramref name="environment"/>, reading the publish output <paramref name="output"/>.</summary>
    public static DeployStep For(string output, EnvironmentPlan environment, CloudTarget target, string kubeconfig)
    {
        var folder = Path.Combine(output, MonitoringLayout.Folder, MonitoringLayout.TargetFolder(environment, target));
        return new DeployStep(
            $"{environment.Name}-{target.Key}: apply the monitoring rules, collector monitor and dashboards",
            DeployStepKind.Kubernetes,
            [DeployCommand.Of("kubectl", "apply", "--server-side", "--force-conflicts", $"--field-manager={ReleaseSteps.FieldManager}", "-k", folder).With("KUBECONFIG", kubeconfig)],
            TimeSpan.FromMinutes(2))
        {
            Fix = "'no matches for kind PrometheusRule' means the add-ons stage (kube-prometheus-stack) has not been applied to this cluster: apply it, then deploy again. Nothing of the release was applied.",
        };
    }
}
