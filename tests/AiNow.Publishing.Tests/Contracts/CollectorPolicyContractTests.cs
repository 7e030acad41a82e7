using System.Globalization;
using System.Text.Json.Nodes;
using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Monitoring;
using AiNow.Publishing.Tests.Infrastructure;
using AiNow.Publishing.Tests.Monitoring;
using AiNow.Publishing.Tests.Terraform;
using k8s.Models;
using Peer = AiNow.Publishing.Tests.Infrastructure.NetworkPolicyEvaluator.Peer;

namespace AiNow.Publishing.Tests.Contracts;

/// <summary>
/// The collector's NetworkPolicy against what the other side really does, for every environment on
/// every target: the ports it admits are the ones the published collector configuration listens on and
/// the ServiceMonitor scrapes; the namespace it admits OTLP from is the overlay's; and the overlay's
/// egress to the collector lands on the pods and port the policy opens. Each side is read from the
/// published files (the monitoring kustomization rendered by kubectl, the collector's YAML, the add-ons
/// stage's chart values, the rendered overlay).
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed class CollectorPolicyContractTests(PublishedManifests published)
{
    private const string Collector = "opentelemetry-collector";

    public static TheoryData<string> Overlays => PublishedManifests.OverlayNames();

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task ThePolicysPorts_AreTheOnesTheCollectorListensOn_AndTheServiceMonitorScrapes(string name)
    {
        var monitoring = await RenderMonitoringAsync(name);
        var policy = Policy(monitoring);
        var config = YamlDocuments.Parse(File.ReadAllText(Path.Combine(MonitoringFolder(name), TelemetryDestinations.CollectorConfigFile))).Single();

        var otlp = config["receivers"]!["otlp"]!["protocols"]!.AsObject().Select(p => Port(p.Value!["endpoint"])).Order().ToList();
        var exporter = Port(config["exporters"]!["prometheus"]!["endpoint"]);
        var health = Port(config["extensions"]!["health_check"]!["endpoint"]);
        var own = int.Parse((string)config["service"]!["telemetry"]!["metrics"]!["readers"]![0]!["pull"]!["exporter"]!["prometheus"]!["port"]!, CultureInfo.InvariantCulture);
        Assert.Equal(otlp.Append(exporter).Append(own).Append(health).Order(), policy.Spec.Ingress.SelectMany(r => r.Ports).Select(p => int.Parse(p.Port.Value, CultureInfo.InvariantCulture)).Order());
        Assert.All(policy.Spec.Ingress.SelectMany(r => r.Ports), p => Assert.Equal("TCP", p.Protocol));

        // The ServiceMonitor scrapes a Service port by name; the chart's values give that port its number.
        var scraped = (string)monitoring.Single(o => o.Kind == "ServiceMonitor").Json["spec"]!["endpoints"]![0]!["port"]!;
        var stage = await AddOnsStage.LoadAsync(published, name);
        var scrapedPort = int.Parse(stage.Settings(Collector)[$"ports.{scraped}.containerPort"], CultureInfo.InvariantCulture);
        Assert.Equal(exporter, scrapedPort);
        var evaluator = new NetworkPolicyEvaluator([policy], TelemetryDestinations.MonitoringNamespace);
        var collectorPods = Labels(policy.Spec.PodSelector);
        Assert.True(evaluator.CanReceive(collectorPods, Peer.Pod(TelemetryDestinations.MonitoringNamespace, CollectorIngressPolicy.PrometheusPods), scrapedPort), "Prometheus cannot scrape the port the ServiceMonitor names.");
        Assert.False(evaluator.CanReceive(collectorPods, Peer.Pod(Published(name).Namespace, ("app.kubernetes.io/name", "api")), scrapedPort), "The application's pods can read the collector's metrics.");

        // The second endpoint scrapes the collector's own metrics on the chart's port of that name (its default number).
        var ownEndpoint = (string)monitoring.Single(o => o.Kind == "ServiceMonitor").Json["spec"]!["endpoints"]![1]!["port"]!;
        var chartKeys = HelmChartKeys.Load(Collector, (string)stage.Releases[Collector]!["version"]!);
        var ownPort = chartKeys.Default($"ports.{ownEndpoint}.containerPort")!.GetValue<int>();
        Assert.Equal(own, ownPort);
        Assert.True(evaluator.CanReceive(collectorPods, Peer.Pod(TelemetryDestinations.MonitoringNamespace, CollectorIngressPolicy.PrometheusPods), ownPort), "Prometheus cannot scrape the collector's own metrics.");
        Assert.False(evaluator.CanReceive(collectorPods, Peer.Pod(Published(name).Namespace, ("app.kubernetes.io/name", "api")), ownPort), "The application's pods can read the collector's own metrics.");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task OtlpIsAdmitted_FromTheOverlaysNamespace_AndNoOtherNamespace(string name)
    {
        var policy = Policy(await RenderMonitoringAsync(name));
        var overlay = Published(name);
        Assert.Equal(TelemetryDestinations.MonitoringNamespace, policy.Metadata.NamespaceProperty);

        var otlpRule = Assert.Single(policy.Spec.Ingress, r => r.Ports.Any(p => p.Port.Value == CollectorConfig.OtlpGrpcPort.ToString(CultureInfo.InvariantCulture)));
        var admitted = Assert.Single(otlpRule.FromProperty);
        Assert.Null(admitted.PodSelector);
        Assert.Equal(overlay.Namespace, Assert.Single(admitted.NamespaceSelector.MatchLabels, l => l.Key == "kubernetes.io/metadata.name").Value);

        var evaluator = new NetworkPolicyEvaluator([policy], TelemetryDestinations.MonitoringNamespace);
        var collectorPods = Labels(policy.Spec.PodSelector);
        foreach (var port in new[] { CollectorConfig.OtlpGrpcPort, CollectorConfig.OtlpHttpPort })
        {
            Assert.True(evaluator.CanReceive(collectorPods, Peer.Pod(overlay.Namespace, ("app.kubernetes.io/name", "worker")), port));
            Assert.False(evaluator.CanReceive(collectorPods, Peer.Pod("default", ("app.kubernetes.io/name", "worker")), port));
            Assert.False(evaluator.CanReceive(collectorPods, Peer.Pod(TelemetryDestinations.MonitoringNamespace, ("app.kubernetes.io/name", "grafana")), port));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task TheOverlaysTelemetryEgress_ReachesThePodsAndPortTheCollectorsPolicyOpens(string name)
    {
        var policy = Policy(await RenderMonitoringAsync(name));
        var overlay = Published(name);
        var egress = overlay.Rendered.Single("NetworkPolicy", "allow-telemetry-export").As<V1NetworkPolicy>();
        var rule = Assert.Single(egress.Spec.Egress);
        var to = Assert.Single(rule.To);
        var port = int.Parse(Assert.Single(rule.Ports).Port.Value, CultureInfo.InvariantCulture);

        // Both sides select the same pods in the same namespace.
        Assert.Equal(TelemetryDestinations.MonitoringNamespace, to.NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
        Assert.Equal(Labels(policy.Spec.PodSelector), Labels(to.PodSelector));
        Assert.Equal(CollectorIngressPolicy.CollectorPods.Value, to.PodSelector.MatchLabels[CollectorIngressPolicy.CollectorPods.Key]);
        Assert.Equal(new Uri(overlay.Rendered.Environment.Telemetry.OtlpEndpoint).Port, port);

        // And a pod of the overlay may send what the collector may receive.
        var overlayPolicies = overlay.Rendered.OfKind("NetworkPolicy").Select(o => o.As<V1NetworkPolicy>()).ToList();
        var api = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "api" };
        var collector = Peer.Pod(TelemetryDestinations.MonitoringNamespace, [.. Labels(policy.Spec.PodSelector).Select(l => (l.Key, l.Value))]);
        Assert.True(new NetworkPolicyEvaluator(overlayPolicies, overlay.Namespace).CanSend(api, collector, port));
        Assert.True(new NetworkPolicyEvaluator([policy], TelemetryDestinations.MonitoringNamespace).CanReceive(Labels(policy.Spec.PodSelector), Peer.Pod(overlay.Namespace, ("app.kubernetes.io/name", "api")), port));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task TheHealthCheck_IsAdmittedFromTheNodesRange_ForTheKubeletsProbes(string name)
    {
        var policy = Policy(await RenderMonitoringAsync(name));
        var target = Published(name).Rendered.Target;
        var rule = Assert.Single(policy.Spec.Ingress, r => r.FromProperty.Any(p => p.IpBlock is not null));
        Assert.Equal(target.Network, Assert.Single(rule.FromProperty).IpBlock.Cidr);
        Assert.Equal([CollectorConfig.HealthCheckPort], rule.Ports.Select(p => int.Parse(p.Port.Value, CultureInfo.InvariantCulture)));
        Assert.Equal(["Ingress"], policy.Spec.PolicyTypes);
    }

    private (RenderedOverlay Rendered, string Namespace) Published(string name)
    {
        var overlay = published.Overlay(name);
        return (overlay, overlay.OfKind("Namespace").Single().Name);
    }

    private string MonitoringFolder(string name) => Path.Combine(published.Output, MonitoringLayout.Folder, name);

    private async Task<IReadOnlyList<RenderedObject>> RenderMonitoringAsync(string name) =>
        RenderedObject.Parse(await ProcessRunner.KustomizeAsync(MonitoringFolder(name)));

    private static V1NetworkPolicy Policy(IReadOnlyList<RenderedObject> monitoring) =>
        Assert.Single(monitoring, o => o.Kind == "NetworkPolicy").As<V1NetworkPolicy>();

    private static SortedDictionary<string, string> Labels(V1LabelSelector selector) => new(selector.MatchLabels, StringComparer.Ordinal);

    private static int Port(JsonNode? endpoint) => int.Parse(((string)endpoint!).Split(':')[^1], CultureInfo.InvariantCulture);
}
