using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Monitoring;
using AiNow.Publishing.Monitoring.Alerting;

namespace AiNow.Publishing.Tests.Monitoring;

/// <summary>Every alert can be acted on: labelled for routing, described, with a runbook that exists; every label pair has a route.</summary>
[Collection(MonitoringGroup.Name)]
public sealed class AlertContractTests(MonitoringOutput output)
{
    [Fact]
    public void EveryAlert_HasSeverityTeamSummaryDescriptionAndAnExistingRunbook()
    {
        var runbookBase = MonitoringLayout.RunbookBase(output.Model);
        foreach (var (_, _, folder) in output.Targets)
        {
            var alerts = MonitoringExpressions.Alerts(output, folder).ToList();
            Assert.True(alerts.Count > 15, folder);
            foreach (var alert in alerts)
            {
                var name = (string)alert["alert"]!;
                Assert.Contains((string)alert["labels"]!["severity"]!, Enum.GetValues<AlertSeverity>().Select(s => s.Label()));
                Assert.Contains((string)alert["labels"]!["team"]!, AlertTeams.All);
                Assert.False(string.IsNullOrWhiteSpace((string?)alert["annotations"]!["summary"]), name);
                Assert.False(string.IsNullOrWhiteSpace((string?)alert["annotations"]!["description"]), name);
                Assert.Equal($"{runbookBase}/{name}.md", (string)alert["annotations"]!["runbook_url"]!);
                Assert.StartsWith("https://github.com/", runbookBase, StringComparison.Ordinal);
                Assert.Contains($"# {name}\n", output.Text($"{MonitoringLayout.RunbooksFolder}/{name}.md"), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void EverySeverityAndTeam_HasARoute_AndOnlyProductionGradePages()
    {
        foreach (var (environment, target, folder) in output.Targets)
        {
            var config = output.Documents($"{folder}/{TelemetryDestinations.AlertmanagerConfigFile}").Single();
            var receivers = config["receivers"]!.AsArray().Select(r => (string)r!["name"]!).ToList();
            var routes = config["route"]!["routes"]!.AsArray().Select(r => r!.AsObject()).ToList();
            foreach (var team in AlertTeams.All)
            {
                foreach (var severity in Enum.GetValues<AlertSeverity>())
                {
                    var route = Assert.Single(routes, r => r["matchers"]!.AsArray().Select(m => (string)m!).ToHashSet().SetEquals([$"team=\"{team}\"", $"severity=\"{severity.Label()}\""]));
                    Assert.Contains((string)route["receiver"]!, receivers);
                }
            }

            var pagers = config["receivers"]!.AsArray().Where(r => r!["pagerduty_configs"] is not null).ToList();
            Assert.Equal(environment.ProductionGrade, pagers.Count > 0);
            Assert.True(environment.Name != "dev" || pagers.Count == 0, $"{folder} pages");
            _ = target;
        }
    }

    [Fact]
    public void ReceiverCredentials_AreFileReferencesOnly()
    {
        foreach (var (_, _, folder) in output.Targets)
        {
            var text = output.Text($"{folder}/{TelemetryDestinations.AlertmanagerConfigFile}");
            foreach (var inline in new[] { "api_url:", "routing_key:", "service_key:", "http_config:", "password" })
            {
                Assert.DoesNotContain(inline, text, StringComparison.Ordinal);
            }

            var config = output.Documents($"{folder}/{TelemetryDestinations.AlertmanagerConfigFile}").Single();
            foreach (var receiver in config["receivers"]!.AsArray())
            {
                var files = receiver!.AsObject().Where(p => p.Key.EndsWith("_configs", StringComparison.Ordinal))
                    .SelectMany(p => p.Value!.AsArray()).SelectMany(c => c!.AsObject().Where(p => p.Key.EndsWith("_file", StringComparison.Ordinal))).ToList();
                Assert.Equal(receiver["name"]!.ToString() == AlertReceivers.Silent ? 0 : 1, files.Count);
                Assert.All(files, f => Assert.StartsWith(TelemetryDestinations.ReceiversMountDirectory + "/", (string)f.Value!, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void Readme_NamesTheReceiverSecretAndEveryKey()
    {
        var readme = output.Text("README.md");
        Assert.Contains(TelemetryDestinations.ReceiversSecretName, readme, StringComparison.Ordinal);
        Assert.All(AlertReceivers.Keys(pages: true), key => Assert.Contains(key, readme, StringComparison.Ordinal));
    }

    [Fact]
    public void Readme_NamesTheCloudWatchFieldsOfAuditEvents_AndWhereWatchdogBelongs()
    {
        var readme = output.Text("README.md");
        Assert.Contains("attributes.AuditAction", readme, StringComparison.Ordinal);
        Assert.Contains("dead man's switch", readme, StringComparison.Ordinal);
        Assert.Contains("ACM", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void CertificateAlerts_RunExactlyWhereCertManagerDoes_WithTheirAbsentCompanion()
    {
        foreach (var (environment, target, folder) in output.Targets)
        {
            var names = MonitoringExpressions.Alerts(output, folder).Select(a => (string)a["alert"]!).ToHashSet(StringComparer.Ordinal);
            var certManager = KnownAddOns.For(target.Profile, environment.Rollout.Strategy).Any(a => a.Name == KnownAddOns.CertManager.Name);
            Assert.Equal(certManager, names.Contains("CertificateExpiring"));
            Assert.Equal(certManager, names.Contains("CertificateMetricsMissing"));
        }
    }
}
