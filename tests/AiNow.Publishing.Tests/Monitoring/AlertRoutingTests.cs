using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiNow.Contracts.Telemetry;
using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Monitoring.Alerting;
using AiNow.Publishing.Monitoring.Rules;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Monitoring;

/// <summary>
/// Where alerts really go, as Alertmanager routes them (amtool over the published configuration): the
/// chart's team-less alerts by severity, the always-firing ones nowhere. And what inhibition really
/// mutes: only the warning about the same object as the critical alert.
/// </summary>
[Collection(MonitoringGroup.Name)]
public sealed partial class AlertRoutingTests(MonitoringOutput output)
{
    [Fact]
    public async Task TheChartsOwnAlerts_RouteBySeverity_AndTheAlwaysFiringOnesNotifyNobody()
    {
        foreach (var (environment, _, folder) in output.Targets)
        {
            var platformCritical = environment.ProductionGrade ? AlertReceivers.Pager(AlertTeams.Platform) : AlertReceivers.Chat(AlertTeams.Platform);
            var cases = new (string Receiver, string[] Labels)[]
            {
                (platformCritical, ["alertname=KubeAPIDown", "severity=critical"]),
                (platformCritical, ["alertname=NodeFilesystemAlmostOutOfSpace", "severity=critical", "instance=10.0.0.1:9100"]),
                (AlertReceivers.Chat(AlertTeams.Platform), ["alertname=KubePodCrashLooping", "severity=warning", "namespace=kube-system"]),
                (AlertReceivers.Silent, ["alertname=Watchdog", "severity=none"]),
                (AlertReceivers.Silent, ["alertname=InfoInhibitor", "severity=none"]),
                (AlertReceivers.Silent, ["alertname=KubeQuotaFullyUsed", "severity=info"]),
                (AlertReceivers.Chat(AlertTeams.Services), ["alertname=BatchJobsFailing", "severity=warning", $"team={AlertTeams.Services}"]),
            };
            foreach (var (receiver, labels) in cases)
            {
                Assert.Equal(receiver, await RouteAsync(folder, labels));
            }
        }
    }

    [Fact]
    public void EveryInhibition_ComparesTheLabelsThatNameTheObject_WhichBothSidesCarry()
    {
        foreach (var (_, _, folder) in output.Targets)
        {
            var config = output.Documents($"{folder}/{TelemetryDestinations.AlertmanagerConfigFile}").Single();
            var alerts = MonitoringExpressions.Alerts(output, folder).ToList();
            foreach (var rule in config["inhibit_rules"]!.AsArray().Where(r => r!["equal"] is not null))
            {
                var equal = rule!["equal"]!.AsArray().Select(l => (string)l!).ToHashSet(StringComparer.Ordinal);
                Assert.Contains("alertname", equal);
                var pairs = alerts.Where(a => MatchesAll(a, rule["source_matchers"]!)).SelectMany(source =>
                    alerts.Where(target => target != source && MatchesAll(target, rule["target_matchers"]!) && (string)target["alert"]! == (string)source["alert"]!).Select(target => (source, target))).ToList();
                foreach (var (source, target) in pairs)
                {
                    var sourceLabels = Carried(source);
                    var targetLabels = Carried(target);
                    var name = $"{folder}: {source["alert"]}";
                    // Both sides carry each compared label, or neither does (then both are empty and equal).
                    Assert.All(equal, label => Assert.True(sourceLabels.Contains(label) == targetLabels.Contains(label), $"{name}: only one side carries '{label}'"));
                    // And every label naming the object is compared: else one object's critical mutes another's warning.
                    Assert.All(sourceLabels.Where(IdentifiesTheObject), label => Assert.True(equal.Contains(label), $"{name}: '{label}' names the object but the inhibition does not compare it"));
                }
            }
        }
    }

    [Fact]
    public void Carried_ReadsTheGroupingOrTheMetricsLabels()
    {
        Assert.Equal(["alertname", "job"], Carried(Alert("sum by (job) (rate(x[5m])) > 0")).Order());
        Assert.Contains("name", Carried(Alert($"({StandardMetrics.CertificateExpiry.Name} - time()) / 86400 < 14")));
    }

    /// <summary>Labels that say which object an alert is about (not how it was measured).</summary>
    private static bool IdentifiesTheObject(string label) => label is not ("le" or "severity" or "team" or "issuer_name");

    /// <summary>
    /// The labels an alert carries: its own, plus what its expression keeps: the grouping of an outer
    /// aggregation, else the labels of the metrics it selects.
    /// </summary>
    private static HashSet<string> Carried(JsonObject alert)
    {
        var expr = (string)alert["expr"]!;
        var labels = new HashSet<string>((alert["labels"] as JsonObject ?? []).Select(l => l.Key), StringComparer.Ordinal) { "alertname" };
        if (OuterGrouping().Match(expr) is { Success: true } grouping)
        {
            labels.UnionWith(grouping.Groups["labels"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        }
        else if (!Aggregated().IsMatch(expr))
        {
            foreach (var metric in PromqlTokenizer.Metrics(expr).Select(r => r.Metric))
            {
                labels.UnionWith(StandardMetrics.All.FirstOrDefault(m => m.Series.Contains(metric))?.Labels ?? []);
                labels.UnionWith(AiNowMetrics.All.FirstOrDefault(m => m.PrometheusSeries.Contains(metric)) is { } own ? own.PrometheusLabels.Concat(StandardMetrics.CollectorLabels) : []);
                if (metric.Contains(':', StringComparison.Ordinal))
                {
                    labels.Add(AiNow.Publishing.Kubernetes.TelemetryContract.ServiceLabel);
                }
            }
        }

        return labels;
    }

    private static JsonObject Alert(string expr) => new() { ["alert"] = "X", ["expr"] = expr, ["labels"] = new JsonObject() };

    private static bool MatchesAll(JsonObject alert, JsonNode matchers) => matchers.AsArray().All(m =>
    {
        var match = Matcher().Match((string)m!);
        var label = match.Groups["label"].Value;
        var value = label == "alertname" ? (string?)alert["alert"] : (string?)alert["labels"]?[label];
        return match.Groups["op"].Value == "=" ? value == match.Groups["value"].Value : value != match.Groups["value"].Value;
    });

    private async Task<string> RouteAsync(string folder, string[] labels)
    {
        var file = Path.Combine(output.Folder, folder, TelemetryDestinations.AlertmanagerConfigFile);
        var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync(MonitoringToolsTests.Tool("amtool"), ["config", "routes", "test", $"--config.file={file}", .. labels]);
        Assert.True(exitCode == 0, $"{folder}: {stdout}{stderr}");
        return stdout.Trim();
    }

    [GeneratedRegex(@"^\s*\w+\s+by\s*\((?<labels>[^)]*)\)")]
    private static partial Regex OuterGrouping();

    [GeneratedRegex(@"\b(sum|max|min|avg|count)\b")]
    private static partial Regex Aggregated();

    [GeneratedRegex("^(?<label>\\w+)(?<op>!?=)\"(?<value>[^\"]*)\"$")]
    private static partial Regex Matcher();
}
