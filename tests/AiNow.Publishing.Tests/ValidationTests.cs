using System.Text.RegularExpressions;
using AiNow.Publishing.Tests.Infrastructure;
using k8s;

namespace AiNow.Publishing.Tests;

/// <summary>Every overlay renders, validates against the official schemas and loads strictly.</summary>
[Collection(PublishedGroup.Name)]
public sealed partial class ValidationTests(PublishedManifests published)
{
    private static readonly HashSet<string> CustomResourceGroups = ["argoproj.io", "external-secrets.io", "cert-manager.io", "cloud.google.com"];

    public static TheoryData<string> Overlays => PublishedManifests.OverlayNames();

    [Fact]
    public void EveryEnvironmentAndCloud_HasAnOverlay()
    {
        var overlays = Directory.GetDirectories(Path.Combine(published.Kubernetes, "overlays")).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal);
        Assert.Equal(published.Overlays.Select(o => o.Name).Order(StringComparer.Ordinal), overlays);
        Assert.Equal(12, published.Overlays.Count);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Overlay_ValidatesAgainstTheOfficialSchemas_CustomResourcesIncluded(string name)
    {
        var overlay = published.Overlay(name);
        var file = Path.Combine(published.Scratch, $"rendered-{name}.yaml");
        await File.WriteAllTextAsync(file, overlay.Text);

        var (exitCode, output) = await SchemaValidator.ValidateAsync(file);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"validated {overlay.Objects.Count} objects, 0 problem(s)", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void BuiltInObjects_LoadStrictly_WithKubernetesClient(string name)
    {
        var overlay = published.Overlay(name);
        foreach (var item in overlay.Objects)
        {
            if (item.IsBuiltIn)
            {
                var loaded = Assert.Single(KubernetesYaml.LoadAllFromString(item.Yaml, strict: true));
                Assert.Equal(item.Kind, ((k8s.IKubernetesObject)loaded).Kind);
            }
            else
            {
                Assert.Contains(item.ApiVersion.Split('/')[0], CustomResourceGroups);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void IntegerFields_AreNeverQuotedStrings(string name)
    {
        var quoted = QuotedInteger().Matches(published.Overlay(name).Text).Select(m => m.Value).ToList();
        Assert.Empty(quoted);
    }

    [Fact]
    public async Task SchemaValidator_RejectsABrokenObject()
    {
        var file = Path.Combine(published.Scratch, "broken.yaml");
        await File.WriteAllTextAsync(file, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: broken\nspec:\n  replicas: \"2\"\n  selector: {}\n  template: {}\n");

        var (exitCode, output) = await SchemaValidator.ValidateAsync(file);

        Assert.Equal(1, exitCode);
        Assert.Contains("replicas must be integer", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Rollout", "autoPromotionEnabled", "spec.strategy.blueGreen.autoPromotionEnable")]
    [InlineData("AnalysisTemplate", "failureLimit", "spec.metrics[0].failureLimits")]
    [InlineData("ExternalSecret", "engineVersion", "spec.target.template.engineversion")]
    [InlineData("SecretStore", "projectID", "spec.provider.gcpsm.projectId")]
    [InlineData("Certificate", "dnsNames", "spec.dnsName")]
    [InlineData("BackendConfig", "requestPath", "spec.healthCheck.path")]
    public async Task SchemaValidator_RefusesAMisspelledField_OfACustomResource(string kind, string field, string misspelledPath)
    {
        // The API server would drop such a field in silence: the Rollout would promote by itself, the certificate name no host.
        var item = published.Overlay("production-gcp").OfKind(kind).First();
        var misspelled = misspelledPath[(misspelledPath.LastIndexOf('.') + 1)..];
        var key = new Regex($@"(?m)^(\s*(- )?){field}:");
        Assert.Single(key.Matches(item.Yaml));
        var file = Path.Combine(published.Scratch, $"misspelled-{kind}.yaml");
        await File.WriteAllTextAsync(file, key.Replace(item.Yaml, $"${{1}}{misspelled}:"));

        var (exitCode, output) = await SchemaValidator.ValidateAsync(file);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{item.ApiVersion}/{kind} {item.Name}: unknown field {misspelledPath}", output, StringComparison.Ordinal);
        Assert.Contains("validated 1 objects, 1 problem(s)", output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s*-?\s*(port|containerPort|targetPort|replicas|minReplicas|maxReplicas|maxSurge|maxUnavailable|minAvailable|periodSeconds|timeoutSeconds|failureThreshold|initialDelaySeconds|runAsUser|runAsGroup|fsGroup|backoffLimit|averageUtilization|setWeight|count|failureLimit|scaleDownDelaySeconds):\s*[""']\d+[""']\s*$", RegexOptions.Multiline)]
    private static partial Regex QuotedInteger();
}
