using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Model;
using AiNow.Publishing.Monitoring.Alerting;

namespace AiNow.Publishing.Monitoring;

/// <summary>
/// The Alertmanager configuration of one environment on one target (kube-prometheus-stack's
/// <c>alertmanager.config</c>, which replaces the chart's whole configuration): routes by severity and
/// owning team, alerts without a team (the chart's own) to the platform team by severity; critical alerts
/// page only in production-grade environments (elsewhere they go to chat), warnings go to chat, info,
/// none and the always-firing alerts notify nobody. A critical alert mutes the warning of the same name
/// about the same object, and a cluster-wide outage mutes every other alert. Credentials are files from <see cref="Model.Clouds.TelemetryDestinations.ReceiversSecretName"/>, never values.
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
        var owned = AlertTeams.All.SelectMany(team => Enum.GetValues<AlertSeverity>().Select(severity => Route(ReceiverOf(severity, team, pages), severity, Matcher(AlertTeams.TeamLabel, team))));
        // The kube-prometheus-stack's own alerts carry no team: the platform owns them, by severity.
        // Anything else (severity info or none, an unknown severity) falls to the silent root.
        var unowned = new[] { AlertSeverity.Critical, AlertSeverity.Warning }.Select(severity => Route(ReceiverOf(severity, AlertTeams.Platform, pages), severity));

        return new AlertmanagerFile(
            new AlertmanagerGlobal("5m"),
            new AlertRoute
            {
                Receiver = AlertReceivers.Silent,
                GroupBy = GroupBy,
                GroupWait = "30s",
                GroupInterval = "5m",
                RepeatInterval = "12h",
                Routes =
                [
                    // Always firing by design (a dead man's switch, and the chart's muting helper): a
                    // notification every 12 hours would only teach people to ignore the channel.
                    new AlertRoute { Receiver = AlertReceivers.Silent, Matchers = [$"alertname=~\"{string.Join('|', AlwaysFiring)}\""] },
                    .. owned,
                    .. unowned,
                ],
            },
            [
                // Only the same alert about the same object: a critical certificate must not mute another certificate's warning.
                new InhibitRule(
                    [Matcher(AlertTeams.SeverityLabel, AlertSeverity.Critical.Label())],
                    [Matcher(AlertTeams.SeverityLabel, AlertSeverity.Warning.Label())],
                    InhibitionEqual),
                new InhibitRule(
                    [Matcher("alertname", ClusterOutageAlert)],
                    [$"alertname!=\"{ClusterOutageAlert}\""],
                    null),
            ],
            [.. Receivers(pages)]);
    }

    /// <summary>The kube-prometheus-stack alerts that always fire by design (<c>Watchdog</c>, <c>InfoInhibitor</c>); routed to no one.</summary>
    public static IReadOnlyList<string> AlwaysFiring { get; } = ["Watchdog", "InfoInhibitor"];

    /// <summary>
    /// The labels a critical alert and the warning it mutes must share: the alert's name and the labels
    /// that name the object it is about (namespace, job, pod and container; a certificate's name and
    /// namespace; a node's device and mount point). A label neither alert carries counts as equal.
    /// </summary>
    public static IReadOnlyList<string> InhibitionEqual { get; } =
        ["alertname", "namespace", TelemetryContract.ServiceLabel, "instance", "pod", "container", "name", "exported_namespace", "device", "mountpoint"];

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

    private static AlertRoute Route(string receiver, AlertSeverity severity, params string[] matchers) => new()
    {
        Receiver = receiver,
        Matchers = [.. matchers, Matcher(AlertTeams.SeverityLabel, severity.Label())],
        // Pages repeat sooner: an unacknowledged critical alert must not wait half a day.
        RepeatInterval = severity == AlertSeverity.Critical ? "1h" : null,
    };

    private static string Matcher(string label, string value) => $"{label}=\"{value}\"";
}
