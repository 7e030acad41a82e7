using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Model;
using AiNow.Publishing.Monitoring.Alerting;

namespace AiNow.Publishing.Monitoring;

/// <summary>
/// The Alertmanager configuration of one environment on one target (kube-prometheus-stack's
/// <c>alertmanager.config</c>): routes by severity and owning team; critical alerts page only in
/// production-grade environments (elsewhere they go to chat), warnings go to chat, info notifies
/// nobody. A critical alert mutes the warning of the same name, and a cluster-wide outage mutes every
/// other alert. Credentials are files from <see cref="Model.Clouds.TelemetryDestinations.ReceiversSecretName"/>, never values.
/// </summary>
public static class AlertmanagerConfig
{
    /// <summary>The alert whose firing mutes every other: the cluster itself is down, so the rest is noise.</summary>
    public const string ClusterOutageAlert = "ClusterOutage";

    /// <summary>The labels a notification groups alerts by.</summary>
    public static IReadOnlyList<string> GroupBy { get; } = ["alertname", TelemetryContract.ServiceLabel];

    /// <summary>The configuration as YAML under the generated header.</summary>
    public static string Render(EnvironmentPlan environment, CloudTarget target) => ManifestYaml.Serialize(Build(environment, target));

    /// <summary>The configuration as a typed model.</summary>
    public static AlertmanagerFile Build(EnvironmentPlan environment, CloudTarget target)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(target);

        var pages = Pages(environment);
        var routes = AlertTeams.All.SelectMany(team => Enum.GetValues<AlertSeverity>().Select(severity => new AlertRoute
        {
            Receiver = ReceiverOf(severity, team, pages),
            Matchers = [Matcher(AlertTeams.TeamLabel, team), Matcher(AlertTeams.SeverityLabel, severity.Label())],
            // Pages repeat sooner: an unacknowledged critical alert must not wait half a day.
            RepeatInterval = severity == AlertSeverity.Critical ? "1h" : null,
        })).ToList();

        return new AlertmanagerFile(
            new AlertmanagerGlobal("5m"),
            new AlertRoute
            {
                // Alerts with no team (the kube-prometheus-stack's own rules) reach the platform's chat.
                Receiver = AlertReceivers.Chat(AlertTeams.Platform),
                GroupBy = GroupBy,
                GroupWait = "30s",
                GroupInterval = "5m",
                RepeatInterval = "12h",
                Routes = routes,
            },
            [
                new InhibitRule(
                    [Matcher(AlertTeams.SeverityLabel, AlertSeverity.Critical.Label())],
                    [Matcher(AlertTeams.SeverityLabel, AlertSeverity.Warning.Label())],
                    ["alertname"]),
                new InhibitRule(
                    [Matcher("alertname", ClusterOutageAlert)],
                    [$"alertname!=\"{ClusterOutageAlert}\""],
                    null),
            ],
            [.. Receivers(pages)]);
    }

    /// <summary>True when critical alerts page: only environments that serve customers.</summary>
    public static bool Pages(EnvironmentPlan environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.ProductionGrade;
    }

    /// <summary>The receiver of <paramref name="severity"/> alerts owned by <paramref name="team"/>.</summary>
    public static string ReceiverOf(AlertSeverity severity, string team, bool pages) => severity switch
    {
        AlertSeverity.Critical when pages => AlertReceivers.Pager(team),
        AlertSeverity.Critical or AlertSeverity.Warning => AlertReceivers.Chat(team),
        _ => AlertReceivers.Silent,
    };

    private static IEnumerable<AlertReceiver> Receivers(bool pages)
    {
        yield return new AlertReceiver(AlertReceivers.Silent);
        foreach (var team in AlertTeams.All)
        {
            yield return new AlertReceiver(
                AlertReceivers.Chat(team),
                SlackConfigs:
                [
                    new SlackConfig(
                        AlertReceivers.File(AlertReceivers.SlackKey(team)),
                        SendResolved: true,
                        Title: "[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }} ({{ .CommonLabels.severity }})",
                        Text: "{{ range .Alerts }}{{ .Annotations.summary }}\n{{ .Annotations.runbook_url }}\n{{ end }}"),
                ]);
            if (pages)
            {
                yield return new AlertReceiver(
                    AlertReceivers.Pager(team),
                    PagerdutyConfigs: [new PagerDutyConfig(AlertReceivers.File(AlertReceivers.PagerDutyKey(team)), SendResolved: true, Severity: AlertSeverity.Critical.Label())]);
            }
        }
    }

    private static string Matcher(string label, string value) => $"{label}=\"{value}\"";
}
