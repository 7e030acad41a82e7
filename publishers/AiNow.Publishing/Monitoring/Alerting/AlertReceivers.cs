namespace AiNow.Publishing.Monitoring.Alerting;

/// <summary>
/// The Kubernetes Secret holding the receivers' credentials and the files Alertmanager reads them
/// from. The operator creates the Secret; kube-prometheus-stack mounts it
/// (<c>alertmanager.alertmanagerSpec.secrets</c>) under <see cref="MountDirectory"/>. The configuration
/// names the files only, so no credential is ever written into the output.
/// </summary>
public static class AlertReceivers
{
    /// <summary>The Secret in the monitoring namespace.</summary>
    public const string SecretName = "ainow-alertmanager-receivers";

    /// <summary>Where the Prometheus operator mounts a Secret listed in the Alertmanager's <c>secrets</c>.</summary>
    public const string MountDirectory = "/etc/alertmanager/secrets/" + SecretName;

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
    public static string File(string key) => $"{MountDirectory}/{key}";

    /// <summary>Every key the Secret must hold, in order, for the README.</summary>
    public static IEnumerable<string> Keys(bool pages) =>
        AlertTeams.All.SelectMany(team => pages ? new[] { PagerDutyKey(team), SlackKey(team) } : [SlackKey(team)]);
}
