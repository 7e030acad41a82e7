using AiNow.Contracts.Telemetry;
using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Tests.Monitoring;

/// <summary>
/// promtool unit tests over synthetic series: the availability burn-rate page fires on a gateway
/// answering 20% 5xx (above the page rate of every environment) and stays quiet on a healthy one; the backlog alert fires above the environment's
/// threshold; a single batch job failing for good fires at once; a service's error ratio raises nothing under the traffic floor and fires above it. Checked through the <c>ALERTS</c> series, so the expected values need no annotations.
/// </summary>
internal static class RuleUnitTests
{
    public static string Write(string rulesFile, bool production, DeploymentModel model)
    {
        var gateway = model.Services.Single(s => s.IsPublic).Name;
        var requests = TelemetryContract.RequestMetric;
        var status = TelemetryContract.StatusLabel;
        var queued = $"{AiNowMetrics.BatchJobs.PrometheusName}{{state=\"queued\",job=\"worker\"}}";
        var failed = $"{AiNowMetrics.BatchJobsFailed.PrometheusName}{{{AiNowMetrics.OutcomeTag}=\"failed\",job=\"worker\"}}";
        var document = new Dictionary<string, object>
        {
            ["rule_files"] = new[] { rulesFile },
            ["evaluation_interval"] = "1m",
            ["tests"] = new object[]
            {
                Test(
                    [
                        Series($"{requests}{{job=\"{gateway}\",{status}=\"200\"}}", "0+480x120"),
                        Series($"{requests}{{job=\"{gateway}\",{status}=\"500\"}}", "0+120x120"),
                    ],
                    Firing("PublicApiAvailabilityBudgetBurn", "critical", "80m", $"job=\"{gateway}\"", expected: 1)),
                Test(
                    [
                        Series($"{requests}{{job=\"{gateway}\",{status}=\"200\"}}", "0+600x120"),
                        Series($"{requests}{{job=\"{gateway}\",{status}=\"500\"}}", "0+0x120"),
                    ],
                    Firing("PublicApiAvailabilityBudgetBurn", "critical", "80m", $"job=\"{gateway}\"", expected: 0)),
                // 1000 queued jobs: above production's 500, below the relaxed 2000.
                Test([Series(queued, "1000x60")], Firing("BatchBacklogHigh", "warning", "30m", "", expected: production ? 1 : 0)),
                // One job failing for good, at minute 31, is reported at once (a 15-minute rate held for 15 minutes missed it).
                Test([Series(failed, "0x30 1x60")], Firing("BatchJobsFailing", "warning", "32m", "", expected: 1)),
                Test([Series(failed, "0x90")], Firing("BatchJobsFailing", "warning", "32m", "", expected: 0)),
                // Half of a trickle of requests failing (2 a minute) is under the traffic floor: nothing fires.
                Test(
                    [
                        Series($"{requests}{{job=\"api\",{status}=\"200\"}}", "0+1x120"),
                        Series($"{requests}{{job=\"api\",{status}=\"500\"}}", "0+1x120"),
                    ],
                    Firing("ServiceHighErrorRate", "warning", "60m", "job=\"api\"", expected: 0)),
                // The same share at 2 requests a second is above it.
                Test(
                    [
                        Series($"{requests}{{job=\"api\",{status}=\"200\"}}", "0+60x120"),
                        Series($"{requests}{{job=\"api\",{status}=\"500\"}}", "0+60x120"),
                    ],
                    Firing("ServiceHighErrorRate", "warning", "60m", "job=\"api\"", expected: 1)),
            },
        };
        return ManifestYaml.Serialize(document);
    }

    private static Dictionary<string, object> Test(object[] series, Dictionary<string, object> check) => new()
    {
        ["interval"] = "1m",
        ["input_series"] = series,
        ["promql_expr_test"] = new[] { check },
    };

    private static Dictionary<string, object> Series(string series, string values) => new() { ["series"] = series, ["values"] = values };

    private static Dictionary<string, object> Firing(string alert, string severity, string at, string labels, int expected)
    {
        var selector = string.Join(',', new[] { $"alertname=\"{alert}\"", "alertstate=\"firing\"", $"severity=\"{severity}\"", labels }.Where(s => s.Length > 0));
        return new()
        {
            ["expr"] = $"count(ALERTS{{{selector}}}) or vector(0)",
            ["eval_time"] = at,
            ["exp_samples"] = new[] { new Dictionary<string, object> { ["labels"] = "{}", ["value"] = expected } },
        };
    }
}
