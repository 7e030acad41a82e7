using System.Text.RegularExpressions;
using AiNow.Publishing.Tests.Infrastructure;
using k8s.Models;

namespace AiNow.Publishing.Tests.Contracts;

/// <summary>
/// Every application pod exports under its own identity: replicas of one workload that shared one would
/// overwrite each other's cumulative series at the collector's Prometheus exporter, and every rate over
/// them would read counter resets.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed partial class TelemetryIdentityContractTests(PublishedManifests published)
{
    public static TheoryData<string> Overlays => PublishedManifests.OverlayNames();

    [Theory]
    [MemberData(nameof(Overlays))]
    public void EveryApplicationPod_ExportsItsPodNameAsItsInstance(string name)
    {
        var overlay = published.Overlay(name);
        var pods = overlay.OfKind("Deployment").Select(o => (o.Name, o.As<V1Deployment>().Spec.Template.Spec))
            .Concat(overlay.OfKind("Job").Select(o => (o.Name, o.As<V1Job>().Spec.Template.Spec)))
            .Where(pod => pod.Spec.Containers[0].Env?.Any(e => e.Name == "OTEL_SERVICE_NAME") == true)
            .ToList();

        Assert.NotEmpty(pods);
        foreach (var (workload, spec) in pods)
        {
            var env = spec.Containers[0].Env;
            Assert.Equal("metadata.name", env.Single(e => e.Name == "POD_NAME").ValueFrom.FieldRef.FieldPath);
            var attributes = env.Single(e => e.Name == "OTEL_RESOURCE_ATTRIBUTES").Value.Split(',');
            Assert.Contains("service.instance.id=$(POD_NAME)", attributes);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void EveryApplicationPod_SamplesTracesByRatioFollowingItsParent(string name)
    {
        // Every request's spans exported cost more CPU than serving a cached answer; a kept trace stays whole
        // because each service follows the decision that came in its traceparent.
        var overlay = published.Overlay(name);
        var pods = overlay.OfKind("Deployment").Select(o => o.As<V1Deployment>().Spec.Template.Spec)
            .Where(spec => spec.Containers[0].Env?.Any(e => e.Name == "OTEL_SERVICE_NAME") == true)
            .ToList();

        Assert.NotEmpty(pods);
        foreach (var env in pods.Select(spec => spec.Containers[0].Env))
        {
            Assert.Equal("parentbased_traceidratio", env.Single(e => e.Name == "OTEL_TRACES_SAMPLER").Value);
            var ratio = double.Parse(env.Single(e => e.Name == "OTEL_TRACES_SAMPLER_ARG").Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(ratio, 0.01, 1.0);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void VariableReferences_NameVariablesDefinedEarlier(string name)
    {
        // Kubernetes expands $(NAME) only from variables listed before; a later one stays the literal text.
        var overlay = published.Overlay(name);
        foreach (var deployment in overlay.OfKind("Deployment").Select(o => o.As<V1Deployment>()))
        {
            var env = deployment.Spec.Template.Spec.Containers[0].Env ?? [];
            var defined = new HashSet<string>(StringComparer.Ordinal);
            foreach (var variable in env)
            {
                foreach (Match reference in Reference().Matches(variable.Value ?? ""))
                {
                    Assert.True(defined.Contains(reference.Groups[1].Value),
                        $"{deployment.Metadata.Name}: {variable.Name} refers to $({reference.Groups[1].Value}), which is not defined before it.");
                }

                defined.Add(variable.Name);
            }
        }
    }

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}
