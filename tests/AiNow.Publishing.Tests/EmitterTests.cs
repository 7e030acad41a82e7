using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Model;
using AiNow.Publishing.Settings;
using AiNow.Publishing.Tests.Infrastructure;
using AiNow.Publishing.Tests.Synthetic;

namespace AiNow.Publishing.Tests;

/// <summary>The Kubernetes emitter on synthetic models, independent of the AppHost.</summary>
public sealed class EmitterTests
{
    [Fact]
    public void Emit_IsDeterministic()
    {
        var first = new KubernetesEmitter().Emit(SyntheticModels.Create(12));
        var second = new KubernetesEmitter().Emit(SyntheticModels.Create(12));

        Assert.Equal(first, second);
        Assert.Equal(first.Select(f => f.Path).Order(StringComparer.Ordinal), first.Select(f => f.Path));
    }

    [Fact]
    public void Emit_LaysOutABase_ComponentsPerCloud_AndAnOverlayPerEnvironmentAndCloud()
    {
        var files = new KubernetesEmitter().Emit(SyntheticModels.Create(3)).Select(f => f.Path).ToHashSet();

        Assert.Contains("base/kustomization.yaml", files);
        Assert.Contains("components/in-cluster-stores/kustomization.yaml", files);
        foreach (var cloud in new[] { "aws", "gcp", "digitalocean", "onprem" })
        {
            Assert.Contains($"components/{cloud}/kustomization.yaml", files);
            foreach (var environment in new[] { "dev", "staging", "production" })
            {
                Assert.Contains($"overlays/{environment}-{cloud}/kustomization.yaml", files);
            }
        }
    }

    [Fact]
    public void SecretVariables_GoToExternalSecrets_NeverToConfigMaps()
    {
        var files = EmitSmallModel();

        Assert.DoesNotContain("Service__Key", files["base/kustomization.yaml"], StringComparison.Ordinal);
        Assert.Contains("Feature__Flag=true", files["base/kustomization.yaml"], StringComparison.Ordinal);
        Assert.Contains("Service__Key: '{{ .service_key }}'", files["overlays/dev-aws/secrets.yaml"], StringComparison.Ordinal);
        Assert.Contains("key: ainow-dev-service-key", files["overlays/dev-aws/secrets.yaml"], StringComparison.Ordinal);
    }

    [Fact]
    public void Connections_AreAssembledForInClusterStores_AndReadFromTheInfrastructureForManagedOnes()
    {
        var files = EmitSmallModel();

        // In-cluster: the runtime role, its password quoted; the migrator as the owner.
        Assert.Contains("ConnectionStrings__appdb: Host=postgres;Port=5432;Database=appdb;Username=ainow_app;Password=\"{{ .appdb_runtime_password | replace \"\\\"\" \"\\\"\\\"\" }}\"", files["overlays/dev-gcp/secrets.yaml"], StringComparison.Ordinal);
        Assert.Contains("Username=postgres;Password=", files["overlays/dev-gcp/secrets.yaml"], StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__appdb: '{{ .appdb_connection_string }}'", files["overlays/staging-gcp/secrets.yaml"], StringComparison.Ordinal);
        Assert.Contains("key: ainow-staging-appdb-connection-string", files["overlays/staging-gcp/secrets.yaml"], StringComparison.Ordinal);
        Assert.Contains("key: ainow-staging-appdb-owner-connection-string", files["overlays/staging-gcp/secrets.yaml"], StringComparison.Ordinal);

        // The system of record lives with the first target (aws); every other target reaches it there.
        Assert.Contains("externalName: postgres.aws.staging.ainow.internal", files["overlays/staging-gcp/managed-stores.yaml"], StringComparison.Ordinal);

        // On-premises staging uses the site's own stores.
        Assert.Contains("externalName: postgres.aws.staging.ainow.internal", files["overlays/staging-onprem/managed-stores.yaml"], StringComparison.Ordinal);
        Assert.DoesNotContain("../../components/in-cluster-stores", files["overlays/staging-onprem/kustomization.yaml"], StringComparison.Ordinal);
    }

    [Fact]
    public void NonSecretParameters_TakeTheEnvironmentsValue()
    {
        var settings = new DeploymentSettings
        {
            Environments =
            [
                DeploymentDefaults.Dev,
                DeploymentDefaults.Production with { Parameters = new Dictionary<string, string> { ["upstream-endpoint"] = "https://llm.example.com/v1" } },
            ],
        };

        var files = new KubernetesEmitter().Emit(SyntheticModels.Create(3, settings)).ToDictionary(f => f.Path, f => f.Content);

        Assert.Contains("- Upstream__Endpoint=https://llm.example.com/v1", files["overlays/production-aws/kustomization.yaml"], StringComparison.Ordinal);
        Assert.Contains("- Upstream__Endpoint=\n", files["overlays/dev-aws/kustomization.yaml"], StringComparison.Ordinal);
    }

    [Fact]
    public void TemplateText_ThatLooksLikeATemplate_IsEscaped()
    {
        var model = SyntheticModels.Create(3);
        var renderer = new ValueRenderer(model, model.Environments[0], model.Environments[0].Targets[0]);
        var references = new SecretReferences();

        var template = renderer.RenderTemplate(new ValueExpression([new LiteralPart("{{ .not_a_field }}:"), new SecretPart("service-key")]), references);

        Assert.Equal("{{ \"{{\" }} .not_a_field }}:{{ .service_key }}", template);
        Assert.Equal(["service_key"], references.ToData().Select(d => d.SecretKey));
    }

    [Fact]
    public void Ports_AndReplicas_AreIntegers()
    {
        var files = EmitSmallModel();

        Assert.Contains("    port: 8080\n", files["base/gateway.yaml"], StringComparison.Ordinal);
        Assert.Contains("- containerPort: 8080\n", files["base/gateway.yaml"], StringComparison.Ordinal);
        Assert.Contains("  replicas: 1\n", files["overlays/dev-aws/patches/workloads.yaml"], StringComparison.Ordinal);
        Assert.Contains("  maxReplicas: 10\n", files["overlays/production-aws/autoscaling.yaml"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALargerSyntheticModel_RendersWithKustomize_AndValidatesAgainstTheSchemas()
    {
        var output = Directory.CreateTempSubdirectory("ainow-synthetic-").FullName;
        try
        {
            var model = SyntheticModels.Create(10);
            await Writing.AtomicDirectoryWriter.WriteAsync(Path.Combine(output, "kubernetes"), new KubernetesEmitter().Emit(model));
            var rendered = new List<string>();
            foreach (var environment in model.Environments)
            {
                foreach (var target in environment.Targets)
                {
                    var file = Path.Combine(output, $"{environment.Name}-{target.Cloud}.yaml");
                    await File.WriteAllTextAsync(file, await ProcessRunner.KustomizeAsync(Path.Combine(output, "kubernetes", KubernetesLayout.Overlay(environment.Name, target.Cloud))));
                    rendered.Add(file);
                }
            }

            var (exitCode, report) = await SchemaValidator.ValidateAsync([.. rendered]);
            Assert.True(exitCode == 0, report);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>The files of a three-service synthetic model, by path.</summary>
    private static Dictionary<string, string> EmitSmallModel() =>
        new KubernetesEmitter().Emit(SyntheticModels.Create(3)).ToDictionary(file => file.Path, file => file.Content);
}
