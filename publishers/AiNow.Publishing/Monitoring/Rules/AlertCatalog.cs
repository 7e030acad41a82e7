using AiNow.Publishing.Monitoring.Alerting;
using AiNow.Publishing.Monitoring.Crds;

namespace AiNow.Publishing.Monitoring.Rules;

/// <summary>Every rule of one environment, grouped as Prometheus evaluates them.</summary>
public static class AlertCatalog
{
    /// <summary>The annotation holding the runbook's address.</summary>
    public const string RunbookAnnotation = "runbook_url";

    /// <summary>The rule sets of <paramref name="context"/>: recordings, then the alerts by kind.</summary>
    public static IReadOnlyList<RuleSet> For(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return
        [
            new("ainow.recordings", RecordingRules.For(context), []),
            new("ainow.services", [], ServiceAlerts.For(context)),
            new("ainow.platform", [], PlatformAlerts.For(context)),
            new("ainow.collector", [], CollectorAlerts.For(context)),
            new("ainow.slo", [], SloAlerts.For(context)),
            new("ainow.anomalies", [], AnomalyAlerts.For(context)),
        ];
    }

    /// <summary>A rule set as a PrometheusRule group, each alert linking its runbook under <paramref name="runbookBase"/>.</summary>
    public static RuleGroup ToGroup(RuleSet set, string runbookBase)
    {
        ArgumentNullException.ThrowIfNull(set);
        var recordings = set.Recordings.Select(r => new Rule { Record = r.Series.Name, Expr = r.Expression });
        var alerts = set.Alerts.Select(a => new Rule
        {
            Alert = a.Name,
            Expr = a.Expression,
            For = a.For,
            Labels = Sorted((AlertTeams.SeverityLabel, a.Severity.Label()), (AlertTeams.TeamLabel, a.Team)),
            Annotations = Sorted(("summary", a.Summary), ("description", a.Description), (RunbookAnnotation, RunbookUrl(runbookBase, a.Name))),
        });
        return new RuleGroup(set.Name, "1m", [.. recordings, .. alerts]);
    }

    /// <summary>The address of an alert's runbook.</summary>
    public static string RunbookUrl(string runbookBase, string alert) => $"{runbookBase}/{alert}.md";

    private static SortedDictionary<string, string> Sorted(params (string Key, string Value)[] pairs)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            map.Add(key, value);
        }

        return map;
    }
}
