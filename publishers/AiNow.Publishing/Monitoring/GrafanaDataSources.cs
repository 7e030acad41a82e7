using AiNow.Publishing.Model.Clouds;

namespace AiNow.Publishing.Monitoring;

/// <summary>
/// Grafana's data sources for the logs and traces kept in the cluster: one per Loki tenant (the log types,
/// each queried under its own <c>X-Scope-OrgID</c>) and Tempo. Grafana's provisioning keeps header values
/// in <c>secureJsonData</c>; a tenant name is no secret, it is only where Grafana expects it.
/// </summary>
internal static class GrafanaDataSources
{
    /// <summary>The data sources, Loki's by log type, then Tempo.</summary>
    public static IReadOnlyList<GrafanaDataSource> InCluster() =>
    [
        .. TelemetryDestinations.LogTypes.Select(type => new GrafanaDataSource(
            $"Loki ({type})", $"loki-{type}", "loki", TelemetryDestinations.LokiGateway,
            new SortedDictionary<string, string>(StringComparer.Ordinal) { ["httpHeaderName1"] = "X-Scope-OrgID" },
            new SortedDictionary<string, string>(StringComparer.Ordinal) { ["httpHeaderValue1"] = TelemetryDestinations.LokiTenant(type) })),
        new GrafanaDataSource("Tempo", "tempo", "tempo", TelemetryDestinations.TempoQueryEndpoint, null, null),
    ];
}

/// <summary>One entry of kube-prometheus-stack's <c>grafana.additionalDataSources</c> (Grafana's data source provisioning format).</summary>
/// <param name="Name">The name shown in Grafana.</param>
/// <param name="Uid">The stable id dashboards and links refer to.</param>
/// <param name="Type">The plugin (<c>loki</c>, <c>tempo</c>).</param>
/// <param name="Url">Where Grafana queries it.</param>
/// <param name="JsonData">Plugin settings, or null.</param>
/// <param name="SecureJsonData">Settings Grafana keeps encrypted (header values), or null.</param>
internal sealed record GrafanaDataSource(
    string Name, string Uid, string Type, string Url, IReadOnlyDictionary<string, string>? JsonData, IReadOnlyDictionary<string, string>? SecureJsonData);
