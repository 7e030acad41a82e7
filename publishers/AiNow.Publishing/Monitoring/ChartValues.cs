using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Monitoring.Collector;

namespace AiNow.Publishing.Monitoring;

/// <summary>
/// The published configurations as the charts' values files, for an install by hand (<c>helm -f</c>):
/// the collector's as <c>alternateConfig</c> and Alertmanager's as <c>alertmanager.config</c>, the same
/// objects under the same keys the add-ons stage hands to each release, so both installs run the same
/// configuration. <c>--set-file</c> would not do: it sets a string, and both charts expect a map.
/// Beside them, the chart settings that follow from the published configuration (<see cref="CollectorSettings"/>,
/// <see cref="PrometheusSettings"/>); every key is one of the pinned chart's <c>values.yaml</c>.
/// </summary>
internal static class ChartValues
{
    /// <summary>The collector chart's value that replaces its configuration whole.</summary>
    public const string CollectorConfigValue = "alternateConfig";

    /// <summary>Collector replicas: one can be drained or restarted while the other takes the OTLP traffic.</summary>
    public const int CollectorReplicas = 2;

    /// <summary>The collector container's memory limit, which memory_limiter's percentages are shares of.</summary>
    public const string CollectorMemoryLimit = "1Gi";

    /// <summary>kube-prometheus-stack's Alertmanager section, and its key holding the configuration.</summary>
    public static (string Section, string Key) AlertmanagerConfigValue => ("alertmanager", "config");

    /// <summary>The collector chart's values of one environment on one target.</summary>
    public static string Collector(EnvironmentPlan environment, CloudTarget target)
    {
        var values = CollectorSettings();
        values.Add(CollectorConfigValue, CollectorConfig.Build(environment, target));
        return ManifestYaml.Serialize(values);
    }

    /// <summary>kube-prometheus-stack's values of one environment on one target.</summary>
    public static string Prometheus(EnvironmentPlan environment, CloudTarget target)
    {
        var values = PrometheusSettings(target);
        values.Add(AlertmanagerConfigValue.Section, Map((AlertmanagerConfigValue.Key, AlertmanagerConfig.Build(environment, target))));
        return ManifestYaml.Serialize(values);
    }

    /// <summary>
    /// The collector chart's settings besides its configuration: the port of the collector's own metrics
    /// (<see cref="CollectorConfig.SelfMetricsPort"/>, the chart's <c>metrics</c> port, closed by default),
    /// two replicas that a voluntary disruption never takes both of, and requests and limits, without
    /// which memory_limiter has no limit to take its percentages of and the chart sets no GOMEMLIMIT.
    /// </summary>
    public static SortedDictionary<string, object> CollectorSettings() => new(StringComparer.Ordinal)
    {
        ["ports"] = Map((CollectorConfig.SelfMetricsPortName, new Toggle(Enabled: true))),
        ["replicaCount"] = CollectorReplicas,
        ["podDisruptionBudget"] = new DisruptionBudget(Enabled: true, MaxUnavailable: 1),
        ["resources"] = new ContainerResources(
            Requests: Map(("cpu", "200m"), ("memory", "512Mi")),
            Limits: Map(("cpu", "1"), ("memory", CollectorMemoryLimit))),
    };

    /// <summary>
    /// kube-prometheus-stack's settings besides Alertmanager's configuration: the scrapes (and the rules
    /// and dashboards that read them) of control-plane components the target's cluster does not expose,
    /// as its <see cref="CloudProfile"/> says. Left on, each is a target that is always down and an alert
    /// that fires on every managed cluster.
    /// </summary>
    public static SortedDictionary<string, object> PrometheusSettings(CloudTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var controlPlane = new Toggle(target.Profile.ControlPlaneScrapable);
        var settings = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["kubeControllerManager"] = controlPlane,
            ["kubeScheduler"] = controlPlane,
            ["kubeEtcd"] = controlPlane,
            ["kubeProxy"] = new Toggle(target.Profile.RunsKubeProxy),
        };

        // Where logs and traces stay in the cluster, Grafana needs a data source per Loki tenant (Loki refuses
        // queries without X-Scope-OrgID) and one for Tempo, or what is stored cannot be seen.
        if (target.Profile.TelemetryBackend == TelemetryBackend.LokiAndTempo)
        {
            settings.Add("grafana", Map(("additionalDataSources", GrafanaDataSources.InCluster())));
        }

        return settings;
    }

    private static SortedDictionary<string, object> Map(params (string Key, object Value)[] entries)
    {
        var map = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            map.Add(key, value);
        }

        return map;
    }
}

/// <summary>The collector chart's <c>podDisruptionBudget</c> (templates/pdb.yaml, deployment mode).</summary>
/// <param name="Enabled">Create the budget.</param>
/// <param name="MaxUnavailable">Replicas a voluntary disruption may take at once.</param>
internal sealed record DisruptionBudget(bool Enabled, int MaxUnavailable);

/// <summary>A container's <c>resources</c>, as the chart hands them to the pod unchanged.</summary>
/// <param name="Requests">What the scheduler reserves.</param>
/// <param name="Limits">What the container may use at most.</param>
internal sealed record ContainerResources(IReadOnlyDictionary<string, object> Requests, IReadOnlyDictionary<string, object> Limits);
