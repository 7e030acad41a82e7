using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Terraform;

/// <summary>
/// What the collector needs from a Google Cloud foundation beyond its identity: the APIs its exporters
/// call, enabled in the project they write to, and one home per log line. GKE ships every container's
/// output to Cloud Logging too; the services' lines (audit events among them) must be kept only where
/// the collector routes them, never again in <c>_Default</c> or the cluster's bucket.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed partial class GoogleCloudTelemetryTests(PublishedManifests published)
{
    private const string Module = "modules/gcp/foundation";

    /// <summary>The Google API each signal of the collector's <c>googlecloud</c> exporter writes through.</summary>
    private static readonly Dictionary<string, string> ApiOfSignal = new(StringComparer.Ordinal)
    {
        ["logs"] = "logging.googleapis.com",
        ["traces"] = "cloudtrace.googleapis.com",
        ["metrics"] = "monitoring.googleapis.com",
    };

    [Theory]
    [MemberData(nameof(PublishedManifests.OverlayNames), MemberType = typeof(PublishedManifests))]
    public async Task EveryApiTheCollectorsExportersCall_IsEnabledInTheProjectTheyWriteTo(string overlay)
    {
        var stage = await AddOnsStage.LoadAsync(published, overlay);
        if (stage.Overlay.Target.Profile.TelemetryBackend != TelemetryBackend.CloudLoggingAndCloudTrace)
        {
            return;
        }

        var project = (string)stage.FoundationValues["project"]!;
        var config = stage.Yaml(TelemetryDestinations.CollectorConfigFile);
        var exporters = config["exporters"]!.AsObject();
        var called = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (pipeline, body) in config["service"]!["pipelines"]!.AsObject())
        {
            foreach (var name in body!["exporters"]!.AsArray().Select(n => (string)n!).Where(n => n.Split('/')[0] == "googlecloud"))
            {
                Assert.Equal(project, (string)exporters[name]!["project"]!);
                called.Add(ApiOfSignal[pipeline.Split('/')[0]]);
            }
        }

        Assert.Contains("cloudtrace.googleapis.com", called);
        Assert.Contains("logging.googleapis.com", called);

        var tree = await published.TerraformTreeAsync();
        var services = (string)Locals(tree)["services"]!;
        var enabled = ApiName().Matches(services).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        Assert.All(called, api => Assert.True(enabled.Contains(api), $"{overlay}: the collector calls {api}, which the foundation does not enable."));
        var service = tree.Resources(Module).Single(r => r.Type == "google_project_service").Body;
        Assert.Equal("${local.services}", (string)service["for_each"]!);
        Assert.Equal("${var.project}", (string)service["project"]!);
    }

    [Theory]
    [MemberData(nameof(PublishedManifests.OverlayNames), MemberType = typeof(PublishedManifests))]
    public async Task TheServicesContainerLogs_AreStoredOnlyWhereTheCollectorRoutesThem_AndSystemLogsStayInTheClusterBucket(string overlay)
    {
        var stage = await AddOnsStage.LoadAsync(published, overlay);
        if (stage.Overlay.Target.Profile.TelemetryBackend != TelemetryBackend.CloudLoggingAndCloudTrace)
        {
            return;
        }

        var values = stage.FoundationValues;
        var applicationNamespace = stage.Overlay.Objects.Single(o => o.Kind == "Namespace").Name;
        Assert.Equal(applicationNamespace, (string)values["application_namespace"]!);

        // Every sink and _Default exclusion is one of the two below, each taking its filter from the evaluated locals.
        var tree = await published.TerraformTreeAsync();
        var logging = tree.Modules.SelectMany(m => tree.Resources(m).Select(r => (Module: m, r.Type, r.Name, r.Body))).Where(r => r.Type.StartsWith("google_logging_", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [(Module, "google_logging_project_bucket_config", "this"), (Module, "google_logging_project_exclusion", "collector"), (Module, "google_logging_project_sink", "this")],
            logging.Select(r => (r.Module, r.Type, r.Name)).Order());
        var sink = logging.Single(r => r.Type == "google_logging_project_sink").Body;
        Assert.Equal(("${local.log_routes}", "${each.value.filter}"), ((string)sink["for_each"]!, (string)sink["filter"]!));
        var exclusion = logging.Single(r => r.Type == "google_logging_project_exclusion").Body;
        Assert.Equal(("${local.default_exclusions}", "${each.value.filter}", "${var.project}"), ((string)exclusion["for_each"]!, (string)exclusion["filter"]!, (string)exclusion["project"]!));

        var evaluated = await EvaluateAsync(tree, values, "jsonencode({ routes = { for key, route in local.log_routes : key => route.filter }, exclusions = { for key, exclusion in local.default_exclusions : key => exclusion.filter } })");
        var routes = evaluated["routes"]!.AsObject().ToDictionary(r => r.Key, r => (string)r.Value!, StringComparer.Ordinal);
        var exclusions = evaluated["exclusions"]!.AsObject().Select(e => (string)e.Value!).ToList();
        var project = (string)values["project"]!;
        var cluster = (string)values["name"]!;
        var collectorLogs = values["log_buckets"]!.AsObject().ToDictionary(b => b.Key, b => (string)b.Value!["log_name"]!, StringComparer.Ordinal);

        IReadOnlyDictionary<string, string> Container(string ns, string stream) => new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["logName"] = $"projects/{project}/logs/{stream}",
            ["resource.type"] = "k8s_container",
            ["resource.labels.cluster_name"] = cluster,
            ["resource.labels.namespace_name"] = ns,
        };
        List<string> StoredIn(IReadOnlyDictionary<string, string> entry) =>
            [.. routes.Where(r => CloudLoggingFilter.Matches(r.Value, entry)).Select(r => r.Key), .. exclusions.Any(e => CloudLoggingFilter.Matches(e, entry)) ? [] : new[] { "_Default" }];

        foreach (var stream in new[] { "stdout", "stderr" })
        {
            Assert.Empty(StoredIn(Container(applicationNamespace, stream)));
            Assert.Equal(["cluster", "_Default"], StoredIn(Container("kube-system", stream)));
        }

        foreach (var (type, logName) in collectorLogs)
        {
            // Whatever resource the collector's entries carry, their log name alone decides where they are kept.
            Assert.Equal([type], StoredIn(Container(applicationNamespace, logName)));
            Assert.Equal([type], StoredIn(new Dictionary<string, string>(StringComparer.Ordinal) { ["logName"] = $"projects/{project}/logs/{logName}", ["resource.type"] = "generic_node" }));
        }
    }

    private static JsonObject Locals(TerraformTree tree) =>
        tree.In(Module).SelectMany(f => f.Json["locals"]?.AsArray() ?? []).Select(l => l!.AsObject()).Aggregate(new JsonObject(), (all, block) =>
        {
            foreach (var (key, value) in block)
            {
                all[key] = value?.DeepClone();
            }

            return all;
        });

    /// <summary>
    /// Evaluates <paramref name="expression"/> over the locals of the module's <c>logging.tf</c>, as published,
    /// with the foundation's values: <c>terraform console</c> on those blocks alone needs no provider.
    /// </summary>
    private async Task<JsonObject> EvaluateAsync(TerraformTree tree, JsonObject values, string expression)
    {
        var text = File.ReadAllText(Path.Combine(tree.Root, Module, "logging.tf"));
        var locals = string.Join("\n", LocalsBlock().Matches(text).Select(m => m.Value));
        var variables = VariableReference().Matches(locals).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
        var folder = Path.Combine(published.Scratch, $"logging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "main.tf"), string.Concat(variables.Select(v => $"variable \"{v}\" {{}}\n")) + locals + "\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "values.tfvars.json"), new JsonObject(variables.Select(v => KeyValuePair.Create(v, values[v]?.DeepClone()))).ToJsonString());
        await File.WriteAllTextAsync(Path.Combine(folder, "expression.txt"), expression + "\n");
        var (exitCode, output, error) = await ProcessRunner.RunAsync("sh", ["-c", $"'{TerraformCli.Command}' console -var-file=values.tfvars.json < expression.txt"], folder);
        Assert.True(exitCode == 0, $"terraform console failed ({exitCode}): {error}");
        return JsonNode.Parse((string)JsonNode.Parse(output.Trim())!)!.AsObject();
    }

    [GeneratedRegex(@"[a-z]+\.googleapis\.com")]
    private static partial Regex ApiName();

    [GeneratedRegex(@"(?ms)^locals \{\n.*?^\}")]
    private static partial Regex LocalsBlock();

    [GeneratedRegex(@"var\.([a-z_]+)")]
    private static partial Regex VariableReference();
}
