using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Monitoring;

/// <summary>
/// The published configurations as the charts' values files, for an install by hand (<c>helm -f</c>):
/// the collector's as <c>alternateConfig</c> and Alertmanager's as <c>alertmanager.config</c>, the same
/// objects under the same keys the add-ons stage hands to each release, so both installs run the same
/// configuration. <c>--set-file</c> would not do: it sets a string, and both charts expect a map.
/// </summary>
internal static class ChartValues
{
    /// <summary>The collector chart's value that replaces its configuration whole.</summary>
    public const string CollectorConfigValue = "alternateConfig";

    /// <summary>kube-prometheus-stack's Alertmanager section, and its key holding the configuration.</summary>
    public static (string Section, string Key) AlertmanagerConfigValue => ("alertmanager", "config");

    /// <summary>The collector chart's values of one environment on one target.</summary>
    public static string Collector(EnvironmentPlan environment, CloudTarget target) =>
        ManifestYaml.Serialize(Map((CollectorConfigValue, CollectorConfig.Build(environment, target))));

    /// <summary>kube-prometheus-stack's values of one environment on one target.</summary>
    public static string Prometheus(EnvironmentPlan environment, CloudTarget target) =>
        ManifestYaml.Serialize(Map((AlertmanagerConfigValue.Section, Map((AlertmanagerConfigValue.Key, AlertmanagerConfig.Build(environment, target))))));

    private static SortedDictionary<string, object> Map((string Key, object Value) entry) =>
        new(StringComparer.Ordinal) { [entry.Key] = entry.Value };
}
