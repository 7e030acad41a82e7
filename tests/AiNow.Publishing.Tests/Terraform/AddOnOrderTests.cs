using System.Text.RegularExpressions;
using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Terraform;

/// <summary>
/// The order the add-ons stage installs its releases in. Helm installs a chart's objects in one go: a
/// release that creates a ServiceMonitor, PodMonitor or PrometheusRule fails unless the CRDs
/// kube-prometheus-stack brings already exist, so it must wait for that release, which a release of the
/// same <c>for_each</c> does not.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed partial class AddOnOrderTests(PublishedManifests published)
{
    private const string Module = "modules/shared/cluster-addons";

    [Theory]
    [MemberData(nameof(PublishedManifests.OverlayNames), MemberType = typeof(PublishedManifests))]
    public async Task EveryReleaseCreatingPrometheusOperatorObjects_IsInstalledAfterKubePrometheusStack(string overlay)
    {
        var stage = await AddOnsStage.LoadAsync(published, overlay);
        var tree = await published.TerraformTreeAsync();
        var locals = tree.In(Module).SelectMany(f => f.Json["locals"]?.AsArray() ?? []).SelectMany(l => l!.AsObject()).ToDictionary(l => l.Key, l => (string)l.Value!, StringComparer.Ordinal);
        var releases = tree.Resources(Module).Where(r => r.Type == "helm_release").ToList();

        // Each helm_release takes the add-ons of one tier, and waits for the helm_releases it names.
        var resourceOfTier = releases.ToDictionary(
            r => TierFilter().Match(locals[LocalReference().Match((string)r.Body["for_each"]!).Groups[1].Value]).Groups[1].Value,
            r => r.Name,
            StringComparer.Ordinal);
        var waitsFor = releases.ToDictionary(
            r => r.Name,
            r => ReleaseReference().Matches(r.Body["depends_on"]?.ToJsonString() ?? "").Select(m => m.Groups[1].Value).ToList(),
            StringComparer.Ordinal);
        string ResourceOf(string release) => resourceOfTier[(string)stage.Releases[release]!["tier"]!];
        bool After(string resource, string earlier) => waitsFor[resource].Any(r => r == earlier || After(r, earlier));

        var creators = stage.Releases.Select(r => r.Key)
            .Where(release => stage.Settings(release).Any(s => CreatesOperatorObjects().IsMatch(s.Key) && s.Value == "true"))
            .ToList();
        // cert-manager's ServiceMonitor feeds the certificate expiry alerts wherever it runs.
        Assert.Equal(stage.Releases.ContainsKey(KnownAddOns.CertManager.Name), creators.Contains(KnownAddOns.CertManager.Name));
        Assert.All(creators, release => Assert.True(
            stage.Releases.ContainsKey(KnownAddOns.Prometheus.Name) && After(ResourceOf(release), ResourceOf(KnownAddOns.Prometheus.Name)),
            $"{overlay}: {release} creates Prometheus operator objects but is not installed after {KnownAddOns.Prometheus.Name}, which brings their CRDs."));
    }

    [GeneratedRegex(@"^\$\{local\.([a-z_]+)\}$")]
    private static partial Regex LocalReference();

    [GeneratedRegex(@"addon\.tier == ""([a-z]+)""")]
    private static partial Regex TierFilter();

    [GeneratedRegex(@"helm_release\.([a-z_]+)")]
    private static partial Regex ReleaseReference();

    [GeneratedRegex(@"(?i)(^|\.)(servicemonitor|podmonitor|prometheusrule)s?\.enabled$")]
    private static partial Regex CreatesOperatorObjects();
}
