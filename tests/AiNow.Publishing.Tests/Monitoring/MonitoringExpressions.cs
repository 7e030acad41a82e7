using System.Text.Json.Nodes;
using AiNow.Publishing.Monitoring;

namespace AiNow.Publishing.Tests.Monitoring;

/// <summary>Every PromQL expression of the monitoring output, with where it was found.</summary>
internal static class MonitoringExpressions
{
    public static IEnumerable<(string Where, string Expr)> Rules(MonitoringOutput output) =>
        output.Targets.SelectMany(t => RuleObjects(output, t.Folder).SelectMany(rule => Groups(rule))
            .SelectMany(g => g["rules"]!.AsArray().Select(r => ($"{t.Folder}/{g["name"]}/{r!["alert"] ?? r["record"]}", (string)r["expr"]!))));

    public static IEnumerable<JsonObject> RuleObjects(MonitoringOutput output, string folder) =>
        output.Documents($"{folder}/{MonitoringEmitter.RulesFile}");

    public static IEnumerable<JsonObject> Groups(JsonObject rule) => rule["spec"]!["groups"]!.AsArray().Select(g => g!.AsObject());

    public static IEnumerable<JsonObject> Alerts(MonitoringOutput output, string folder) =>
        RuleObjects(output, folder).SelectMany(Groups).SelectMany(g => g["rules"]!.AsArray()).Select(r => r!.AsObject()).Where(r => r["alert"] is not null);

    public static IEnumerable<string> Recorded(MonitoringOutput output) =>
        output.Targets.SelectMany(t => RuleObjects(output, t.Folder).SelectMany(Groups).SelectMany(g => g["rules"]!.AsArray()))
            .Select(r => (string?)r!["record"]).OfType<string>().Distinct();

    public static IEnumerable<(string Where, string Expr)> Dashboards(MonitoringOutput output) =>
        output.Targets.SelectMany(t => output.Documents($"{t.Folder}/{MonitoringEmitter.DashboardsFile}")
            .SelectMany(map => map["data"]!.AsObject().Select(entry => JsonNode.Parse((string)entry.Value!)!))
            .SelectMany(dashboard => dashboard["panels"]!.AsArray()
                .SelectMany(panel => panel!["targets"]!.AsArray().Select(q => ($"{t.Folder}/{dashboard["uid"]}/{panel["title"]}", (string)q!["expr"]!)))));
}
