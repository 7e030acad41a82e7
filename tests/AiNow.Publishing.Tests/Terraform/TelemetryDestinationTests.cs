using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Terraform;

/// <summary>
/// Where the collector's logs and traces land, for every environment on every cloud: each destination
/// the published collector configuration writes to is one the Terraform creates, kept for the plan's
/// retention of its log type, and writable by exactly the identity the collector's chart runs as. Each
/// side is read from the published files: the collector's YAML beside the add-ons stage, the tfvars, the
/// modules.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed partial class TelemetryDestinationTests(PublishedManifests published)
{
    private const string Collector = "opentelemetry-collector";

    [Theory]
    [MemberData(nameof(PublishedManifests.OverlayNames), MemberType = typeof(PublishedManifests))]
    public async Task TheLogGroupsTheCollectorWrites_AreTheOnesTheFoundationCreates_AndAllItsRoleMayWrite(string overlay)
    {
        var stage = await AddOnsStage.LoadAsync(published, overlay);
        if (stage.Overlay.Target.Profile.TelemetryBackend != TelemetryBackend.CloudWatchAndXRay)
        {
            return;
        }

        var written = Exporters(stage, "awscloudwatchlogs").Select(e => (string)e["log_group_name"]!).Order(StringComparer.Ordinal).ToList();
        var created = stage.FoundationValues["log_groups"]!.AsObject().Select(g => (string)g.Value!["name"]!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(TelemetryDestinations.LogTypes.Count, written.Count);
        Assert.Equal(written, created);

        var tree = await published.TerraformTreeAsync();
        const string module = "modules/aws/foundation";
        var group = tree.Resources(module).Single(r => r.Type == "aws_cloudwatch_log_group" && r.Name == "telemetry").Body;
        Assert.Equal("${var.log_groups}", (string)group["for_each"]!);
        Assert.Equal("${each.value.name}", (string)group["name"]!);

        var statements = tree.Resources(module, "data").Single(r => r.Type == "aws_iam_policy_document" && r.Name == "collector").Body["statement"]!.AsArray();
        var logs = statements.Single(s => (string)s!["sid"]! == "WriteOwnLogGroups")!;
        Assert.Equal(["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"], Strings(logs["actions"]).Order(StringComparer.Ordinal));
        // Only the groups created above, each with its own streams: no ARN pattern, no other resource.
        var resources = (string)logs["resources"]!;
        Assert.All(ResourceReference().Matches(resources), r => Assert.Equal("aws_cloudwatch_log_group.telemetry", r.Value));
        Assert.DoesNotContain("arn:", resources, StringComparison.Ordinal);
        var traces = statements.Single(s => (string)s!["sid"]! == "SendTraces")!;
        Assert.Equal(["xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords", "xray:PutTraceSegments"], Strings(traces["actions"]).Order(StringComparer.Ordinal));
        Assert.Equal(2, statements.Count);
        Assert.Single(Exporters(stage, "awsxray"));
    }

    [Theory]
    [MemberData(nameof(PublishedManifests.OverlayNames), MemberType = typeof(PublishedManifests))]
    public async Task TheCloudLoggingSinks_RouteExactlyTheLogNamesTheCollectorWrites_IntoTheirOwnBuckets_AndOutOfTheDefault(string overlay)
    {
        var stage = await AddOnsStage.LoadAsync(published, overlay);
        if (stage.Overlay.Target.Profile.TelemetryBackend != TelemetryBackend.CloudLoggingAndCloudTrace)
        {
            return;
        }

        var values = stage.FoundationValues;
        var exporters = Exporters(stage, "googlecloud").ToList();
        Assert.All(exporters, e => Assert.Equal((string)values["project"]!, (string)e["project"]!));
        var written = exporters.Where(e => e["log"] is not null).Select(e => (string)e["log"]!["default_log_name"]!).Order(StringComparer.Ordinal).ToList();
        var buckets = values["log_buckets"]!.AsObject();
        Assert.Equal(written, buckets.Select(b => (string)b.Value!["log_name"]!).Order(StringComparer.Ordinal));
        Assert.All(buckets, b => Assert.Equal(TelemetryDestinations.CloudLoggingBucket(stage.Overlay.Environment.Name, b.Key), (string)b.Value!["bucket"]!));

        // The filter each collector route, and each _Default exclusion, uses: the log name in the project.
        var tree = await published.TerraformTreeAsync();
        const string module = "modules/gcp/foundation";
        var locals = tree.In(module).SelectMany(f => f.Json["locals"]?.AsArray() ?? []).Single(l => l!["collector_log_filters"] is not null)!;
        Assert.Contains("logName=\\\"projects/${var.project}/logs/${log.log_name}\\\"", (string)locals["collector_log_filters"]!, StringComparison.Ordinal);
        var routes = (string)locals["log_routes"]!;
        Assert.Contains("filter         = local.collector_log_filters[type]", routes, StringComparison.Ordinal);
        Assert.Contains("bucket         = log.bucket", routes, StringComparison.Ordinal);
        var exclusion = tree.Resources(module).Single(r => r.Type == "google_logging_project_exclusion").Body;
        // Its filters (the collector's log names among them) are evaluated in GoogleCloudTelemetryTests.
        Assert.Equal("${local.default_exclusions}", (string)exclusion["for_each"]!);
        Assert.Equal("${each.value.filter}", (string)exclusion["filter"]!);
        var sink = tree.Resources(module).Single(r => r.Type == "google_logging_project_sink").Body;
        Assert.Equal("${local.log_routes}", (string)sink["for_each"]!);
        Assert.Equal("${each.value.filter}", (string)sink["filter"]!);
    }

    /// <summary>
    /// Environments may share a Google Cloud project (they do by default), and every sink and exclusion
    /// filters on the log name alone: if two environments wrote one log name, each one's buckets would
    /// keep the other's logs too, for its own retention. Each environment's foundation in a project must
    /// route log names no other environment there routes, and its cluster bucket a cluster of its own.
    /// </summary>
    [Fact]
    public async Task NoTwoEnvironmentsSinks_InOneProject_RouteTheSameLogs()
    {
        var foundations = new List<(string Environment, string Project, string Cluster, IReadOnlyList<string> LogNames)>();
        foreach (var overlay in published.Overlays.Where(o => o.Target.Profile.TelemetryBackend == TelemetryBackend.CloudLoggingAndCloudTrace))
        {
            var values = (await AddOnsStage.LoadAsync(published, overlay.Name)).FoundationValues;
            var logNames = values["log_buckets"]!.AsObject().Select(b => (string)b.Value!["log_name"]!).ToList();
            foundations.Add((overlay.Environment.Name, (string)values["project"]!, (string)values["name"]!, logNames));
        }

        Assert.True(foundations.Select(f => f.Environment).Distinct().Count() > 1, "The check needs two environments on Google Cloud.");
        foreach (var project in foundations.GroupBy(f => f.Project))
        {
            var routed = project.SelectMany(f => f.LogNames.Select(name => (f.Environment, Name: name))).ToList();
            var shared = routed.GroupBy(r => r.Name).Where(g => g.Select(r => r.Environment).Distinct().Count() > 1).Select(g => g.Key).ToList();
            Assert.True(shared.Count == 0, $"Project {project.Key}: environments {string.Join(", ", project.Select(f => f.Environment))} each route log names {string.Join(", ", shared)} into their own buckets.");
            Assert.Equal(project.Count(), project.Select(f => f.Cluster).Distinct().Count());
        }
    }

    [Theory]
    [MemberData(nameof(PublishedManifests.OverlayNames), MemberType = typeof(PublishedManifests))]
    public async Task EachLogType_IsKeptForThePlansRetention_WhereverItLands(string overlay)
    {
        var stage = await AddOnsStage.LoadAsync(published, overlay);
        var environment = stage.Overlay.Environment;
        var days = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            [TelemetryDestinations.ApplicationLogType] = environment.Infrastructure.LogRetentionDays,
            [TelemetryDestinations.AuditLogType] = environment.Infrastructure.AuditLogRetentionDays,
        };
        Assert.True(days[TelemetryDestinations.AuditLogType] >= days[TelemetryDestinations.ApplicationLogType]);

        switch (stage.Overlay.Target.Profile.TelemetryBackend)
        {
            case TelemetryBackend.CloudWatchAndXRay:
                AssertRetentions(days, stage.FoundationValues["log_groups"]!.AsObject());
                Assert.Equal("${each.value.retention_days}", (string)(await Resource("modules/aws/foundation", "aws_cloudwatch_log_group", "telemetry"))["retention_in_days"]!);
                break;
            case TelemetryBackend.CloudLoggingAndCloudTrace:
                AssertRetentions(days, stage.FoundationValues["log_buckets"]!.AsObject());
                Assert.Equal("${each.value.retention_days}", (string)(await Resource("modules/gcp/foundation", "google_logging_project_bucket_config", "this"))["retention_days"]!);
                break;
            default:
                var loki = stage.Settings("loki");
                Assert.Equal("true", loki["loki.auth_enabled"]);
                Assert.Equal("true", loki["loki.compactor.retention_enabled"]);
                var tenants = Exporters(stage, "otlphttp").Select(e => (string)e["headers"]!["X-Scope-OrgID"]!).Order(StringComparer.Ordinal).ToList();
                Assert.Equal(TelemetryDestinations.LogTypes.Select(TelemetryDestinations.LokiTenant).Order(StringComparer.Ordinal), tenants);
                foreach (var type in TelemetryDestinations.LogTypes)
                {
                    Assert.Equal($"{days[type] * 24}h", loki[$"loki.runtimeConfig.overrides.{TelemetryDestinations.LokiTenant(type)}.retention_period"]);
                }

                // Tempo keeps traces for their own setting, and both keep their data on a volume of the set size.
                Assert.Equal($"{environment.Infrastructure.TraceRetentionDays * 24}h", stage.Settings("tempo")["tempo.retention"]);
                Assert.Equal(environment.Infrastructure.TelemetryVolumeSize, loki["singleBinary.persistence.size"]);
                Assert.Equal(environment.Infrastructure.TelemetryVolumeSize, stage.Settings("tempo")["persistence.size"]);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(PublishedManifests.OverlayNames), MemberType = typeof(PublishedManifests))]
    public async Task TheInClusterBackendsTheCollectorWritesTo_AreTheReleasesTheStageInstalls(string overlay)
    {
        var stage = await AddOnsStage.LoadAsync(published, overlay);
        var inCluster = stage.Overlay.Target.Profile.TelemetryBackend == TelemetryBackend.LokiAndTempo;
        Assert.Equal(inCluster, stage.Releases.ContainsKey("loki"));
        Assert.Equal(inCluster, stage.Releases.ContainsKey("tempo"));
        if (!inCluster)
        {
            return;
        }

        foreach (var endpoint in Exporters(stage, "otlphttp").Select(e => new Uri((string)e["endpoint"]!)))
        {
            // The Loki chart names its gateway Service <release>-gateway.
            Assert.Equal($"loki-gateway.{(string)stage.Releases["loki"]!["namespace"]!}.svc.cluster.local", endpoint.Host);
            Assert.Equal("true", stage.Settings("loki")["gateway.enabled"]);
        }

        var tempo = (string)Exporters(stage, "otlp").Single()["endpoint"]!;
        Assert.Equal($"tempo.{(string)stage.Releases["tempo"]!["namespace"]!}.svc.cluster.local:4317", tempo);
        Assert.EndsWith(":4317\"", HelmChartKeys.Load("tempo", (string)stage.Releases["tempo"]!["version"]!).Default("tempo.receivers.otlp.protocols.grpc.endpoint")!.ToJsonString(), StringComparison.Ordinal);
        var storageClass = stage.Overlay.Target.Profile.StorageClass(stage.Overlay.Target.Account.StorageClass).Name;
        Assert.Equal(storageClass, stage.Settings("loki")["singleBinary.persistence.storageClass"]);
        Assert.Equal(storageClass, stage.Settings("tempo")["persistence.storageClassName"]);
    }

    [Theory]
    [MemberData(nameof(PublishedManifests.OverlayNames), MemberType = typeof(PublishedManifests))]
    public async Task TheCollectorsCloudIdentity_IsBoundToTheServiceAccountItsChartRunsAs(string overlay)
    {
        var stage = await AddOnsStage.LoadAsync(published, overlay);
        var settings = stage.Settings(Collector);
        var serviceAccount = settings["serviceAccount.name"];
        var releaseNamespace = (string)stage.Releases[Collector]!["namespace"]!;
        Assert.Equal(TelemetryDestinations.CollectorServiceAccount, serviceAccount);
        Assert.Equal(TelemetryDestinations.MonitoringNamespace, releaseNamespace);
        var annotations = settings.Where(s => s.Key.StartsWith("serviceAccount.annotations.", StringComparison.Ordinal)).ToList();
        var target = stage.Overlay.Target;
        if (target.Profile.TelemetryBackend == TelemetryBackend.LokiAndTempo)
        {
            Assert.Empty(annotations);
            Assert.Null(stage.FoundationValues["collector"]);
            return;
        }

        var collector = stage.FoundationValues["collector"]!;
        Assert.Equal(serviceAccount, (string)collector["service_account"]!);
        Assert.Equal(releaseNamespace, (string)collector["namespace"]!);
        var identity = (string)collector["identity"]!;
        var tree = await published.TerraformTreeAsync();
        var (key, value) = Assert.Single(annotations);
        // The module gives the collector the same identity resources as the workloads, keyed by its service account.
        var module = $"modules/{target.Key}/foundation";
        var identities = tree.In(module).SelectMany(f => f.Json["locals"]?.AsArray() ?? []).Single(l => l!["identities"] is not null)!;
        Assert.Equal("${merge(var.workloads, { (var.collector.service_account) = var.collector })}", (string)identities["identities"]!);
        if (target.Cloud == Cloud.Aws)
        {
            Assert.Equal("serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn", key);
            Assert.Equal($"arn:aws:iam::{target.Account.AccountId}:role/{identity}", value);
            var role = await Resource(module, "aws_iam_role", "workload");
            Assert.Equal("${local.identities}", (string)role["for_each"]!);
            Assert.Equal("${each.value.identity}", (string)role["name"]!);
            Assert.Equal("${data.aws_iam_policy_document.service_account_trust[\"workload-${each.key}\"].json}", (string)role["assume_role_policy"]!);
            Assert.Contains("\"workload-${key}\" => { namespace = identity.namespace, service_account = identity.service_account }", tree.Text(module), StringComparison.Ordinal);
            Assert.Equal("${aws_iam_role.workload[var.collector.service_account].name}", (string)(await Resource(module, "aws_iam_role_policy", "collector"))["role"]!);
        }
        else
        {
            Assert.Equal("serviceAccount.annotations.iam\\.gke\\.io/gcp-service-account", key);
            Assert.Equal($"{identity}@{(string)stage.FoundationValues["project"]!}.iam.gserviceaccount.com", value);
            var account = await Resource(module, "google_service_account", "workload");
            Assert.Equal("${local.identities}", (string)account["for_each"]!);
            Assert.Equal("${each.value.identity}", (string)account["account_id"]!);
            var binding = await Resource(module, "google_service_account_iam_member", "workload_identity");
            Assert.Equal("${local.identities}", (string)binding["for_each"]!);
            Assert.Equal("serviceAccount:${var.project}.svc.id.goog[${each.value.namespace}/${each.value.service_account}]", (string)binding["member"]!);
            Assert.Equal("roles/iam.workloadIdentityUser", (string)binding["role"]!);
            var roles = await Resource(module, "google_project_iam_member", "collector");
            Assert.Equal("${toset([\"roles/cloudtrace.agent\", \"roles/logging.logWriter\"])}", (string)roles["for_each"]!);
            Assert.Equal("serviceAccount:${google_service_account.workload[var.collector.service_account].email}", (string)roles["member"]!);
        }
    }

    private static void AssertRetentions(Dictionary<string, int> days, JsonObject destinations)
    {
        Assert.Equal(days.Keys.Order(StringComparer.Ordinal), destinations.Select(d => d.Key));
        Assert.All(destinations, d => Assert.Equal(days[d.Key], (int)d.Value!["retention_days"]!));
    }

    /// <summary>The collector's exporters of one type (<c>awscloudwatchlogs</c> of <c>awscloudwatchlogs/audit</c>) that a pipeline uses.</summary>
    private static IEnumerable<JsonObject> Exporters(AddOnsStage stage, string type)
    {
        var config = stage.Yaml(TelemetryDestinations.CollectorConfigFile);
        var used = config["service"]!["pipelines"]!.AsObject().SelectMany(p => Strings(p.Value!["exporters"])).ToHashSet(StringComparer.Ordinal);
        return config["exporters"]!.AsObject()
            .Where(e => e.Key.Split('/')[0] == type && used.Contains(e.Key))
            .Select(e => e.Value!.AsObject());
    }

    private async Task<JsonObject> Resource(string module, string type, string name) =>
        (await published.TerraformTreeAsync()).Resources(module).Single(r => r.Type == type && r.Name == name).Body;

    private static IEnumerable<string> Strings(JsonNode? list) => list?.AsArray().Select(n => (string)n!) ?? [];

    [GeneratedRegex(@"aws_[a-z0-9_]+\.[a-z0-9_]+")]
    private static partial Regex ResourceReference();
}
