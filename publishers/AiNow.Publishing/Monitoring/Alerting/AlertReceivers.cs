using AiNow.Publishing.Model.Clouds;

namespace AiNow.Publishing.Monitoring.Alerting;

/// <summary>
/// The receivers and the files Alertmanager reads their credentials from. The operator creates the
/// Secret (<see cref="TelemetryDestinations.ReceiversSecretName"/>); kube-prometheus-stack mounts it
/// (<c>alertmanager.alertmanagerSpec.secrets</c>) under <see cref="TelemetryDestinations.ReceiversMountDirectory"/>.
/// The configuration names the files only, so no credential is ever written into the output.
/// </summary>
public static class AlertReceivers
{
    /// <summary>The receiver that notifies nobody (info alerts; visible in Alertmanager and Grafana only).</summary>
    public const string Silent = "silent";

    /// <summary>The pager receiver of <paramref name="team"/>.</summary>
    public static string Pager(string team) => $"{team}-pager";

    /// <summary>The chat receiver of <paramref name="team"/>.</summary>
    public static string Chat(string team) => $"{team}-chat";

    /// <summary>The Secret key holding <paramref name="team"/>'s PagerDuty Events API v2 routing key.</summary>
    public static string PagerDutyKey(string team) => $"pagerduty-{team}-routing-key";

    /// <summary>The Secret key holding <paramref name="team"/>'s Slack incoming-webhook address.</summary>
    public static string SlackKey(string team) => $"slack-{team}-webhook-url";

    /// <summary>The file Alertmanager reads a Secret key from.</summary>
    public static string File(string key) => $"{TelemetryDestinations.ReceiversMountDirectory}/{key}";

    /// <summary>Every key the Secret must hold, in order, for the README.</summary>
    public static IEnumerable<string> Keys(bool pages) =>
        AlertTeams.All.SelectMany(team => pages ? new[] { PagerDutyKey(team), SlackKey(team) } : [SlackKey(team)]);
}
