using AiNow.Publishing.Monitoring.Alerting;

namespace AiNow.Publishing.Monitoring.Rules;

/// <summary>
/// One alert and everything a person needs when it fires: the PrometheusRule entry and the runbook
/// page are both generated from it, so they cannot drift apart.
/// </summary>
/// <param name="Name">The alert's name (its runbook's file name).</param>
/// <param name="Expression">The PromQL condition.</param>
/// <param name="For">How long the condition must hold.</param>
/// <param name="Severity">How urgent.</param>
/// <param name="Team">The owning team.</param>
/// <param name="Summary">One line, may use <c>{{ $labels.x }}</c>.</param>
/// <param name="Description">What is wrong, with the values.</param>
/// <param name="Runbook">What to do.</param>
public sealed record AlertRule(string Name, string Expression, string For, AlertSeverity Severity, string Team, string Summary, string Description, Runbook Runbook);

/// <summary>A runbook page.</summary>
/// <param name="Meaning">What firing means.</param>
/// <param name="Impact">What users or operators feel.</param>
/// <param name="FirstChecks">Commands and queries to run first (each a code line).</param>
/// <param name="Mitigation">What to do, in order.</param>
public sealed record Runbook(string Meaning, string Impact, IReadOnlyList<string> FirstChecks, IReadOnlyList<string> Mitigation);

/// <summary>A recording rule.</summary>
/// <param name="Series">The series written.</param>
/// <param name="Expression">The PromQL it records.</param>
public sealed record RecordingRule(RecordedSeries Series, string Expression);

/// <summary>One rule group: recordings first, then the alerts.</summary>
/// <param name="Name">The group's name.</param>
/// <param name="Recordings">Recording rules.</param>
/// <param name="Alerts">Alerting rules.</param>
public sealed record RuleSet(string Name, IReadOnlyList<RecordingRule> Recordings, IReadOnlyList<AlertRule> Alerts);
