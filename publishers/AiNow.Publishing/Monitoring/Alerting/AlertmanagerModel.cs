using System.Text.Json.Serialization;

namespace AiNow.Publishing.Monitoring.Alerting;

/// <summary>An <c>alertmanager.yml</c> (keys as Alertmanager's config/config.go reads them).</summary>
/// <param name="Global">Settings every receiver shares.</param>
/// <param name="Route">The routing tree.</param>
/// <param name="InhibitRules">Alerts that mute others while they fire.</param>
/// <param name="Receivers">Where notifications go.</param>
public sealed record AlertmanagerFile(
    AlertmanagerGlobal Global,
    AlertRoute Route,
    [property: JsonPropertyName("inhibit_rules")] IReadOnlyList<InhibitRule> InhibitRules,
    IReadOnlyList<AlertReceiver> Receivers);

/// <summary>The <c>global</c> section.</summary>
/// <param name="ResolveTimeout">How long an alert that stops being sent stays firing.</param>
public sealed record AlertmanagerGlobal([property: JsonPropertyName("resolve_timeout")] string ResolveTimeout);

/// <summary>A node of the routing tree; unset timings inherit the parent's.</summary>
public sealed record AlertRoute
{
    /// <summary>The receiver of matching alerts.</summary>
    public required string Receiver { get; init; }

    /// <summary>Matchers (<c>severity="critical"</c>) an alert must all satisfy; none on the root.</summary>
    public IReadOnlyList<string>? Matchers { get; init; }

    /// <summary>Labels alerts are grouped by into one notification.</summary>
    [JsonPropertyName("group_by")]
    public IReadOnlyList<string>? GroupBy { get; init; }

    /// <summary>How long a new group waits for more alerts before the first notification.</summary>
    [JsonPropertyName("group_wait")]
    public string? GroupWait { get; init; }

    /// <summary>How long a group waits before notifying about alerts added to it.</summary>
    [JsonPropertyName("group_interval")]
    public string? GroupInterval { get; init; }

    /// <summary>How long before a still-firing group is notified again.</summary>
    [JsonPropertyName("repeat_interval")]
    public string? RepeatInterval { get; init; }

    /// <summary>Child routes, first match wins.</summary>
    public IReadOnlyList<AlertRoute>? Routes { get; init; }
}

/// <summary>Mutes target alerts while a source alert fires.</summary>
/// <param name="SourceMatchers">What the muting alert matches.</param>
/// <param name="TargetMatchers">What the muted alerts match.</param>
/// <param name="Equal">Labels both must share (none: any target in this Alertmanager).</param>
public sealed record InhibitRule(
    [property: JsonPropertyName("source_matchers")] IReadOnlyList<string> SourceMatchers,
    [property: JsonPropertyName("target_matchers")] IReadOnlyList<string> TargetMatchers,
    IReadOnlyList<string>? Equal);

/// <summary>A receiver; one with no configurations notifies nobody.</summary>
/// <param name="Name">Its name in routes.</param>
/// <param name="PagerdutyConfigs">PagerDuty (Events API v2) notifications.</param>
/// <param name="SlackConfigs">Slack notifications.</param>
public sealed record AlertReceiver(
    string Name,
    [property: JsonPropertyName("pagerduty_configs")] IReadOnlyList<PagerDutyConfig>? PagerdutyConfigs = null,
    [property: JsonPropertyName("slack_configs")] IReadOnlyList<SlackConfig>? SlackConfigs = null);

/// <summary>A PagerDuty notification whose routing key is read from a file (never written here).</summary>
/// <param name="RoutingKeyFile">The file holding the Events API v2 integration key.</param>
/// <param name="SendResolved">Also notify when the alert resolves.</param>
/// <param name="Severity">PagerDuty's severity of the incident.</param>
public sealed record PagerDutyConfig(
    [property: JsonPropertyName("routing_key_file")] string RoutingKeyFile,
    [property: JsonPropertyName("send_resolved")] bool SendResolved,
    string Severity);

/// <summary>A Slack notification whose webhook address is read from a file (never written here).</summary>
/// <param name="ApiUrlFile">The file holding the incoming-webhook address.</param>
/// <param name="SendResolved">Also notify when the alert resolves.</param>
/// <param name="Title">The message title (a Go template).</param>
/// <param name="Text">The message body (a Go template).</param>
public sealed record SlackConfig(
    [property: JsonPropertyName("api_url_file")] string ApiUrlFile,
    [property: JsonPropertyName("send_resolved")] bool SendResolved,
    string Title,
    string Text);
