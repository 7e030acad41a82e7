using AiNow.Publishing.Delivery;
using AiNow.Publishing.Model;
using AiNow.Publishing.Settings;
using AiNow.Publishing.Tests.Synthetic;

namespace AiNow.Publishing.Tests.Delivery;

/// <summary>The delivery emitter on synthetic models: deterministic files, what a release builds, and clear errors where it cannot.</summary>
public sealed class DeliveryEmitterTests
{
    [Fact]
    public void TheSameModel_GivesByteIdenticalFiles_InPathOrder()
    {
        var first = new DeliveryEmitter().Emit(Buildable(SyntheticModels.Create(4)));
        var second = new DeliveryEmitter().Emit(Buildable(SyntheticModels.Create(4)));
        Assert.Equal(first, second);
        Assert.Equal(["README.md", "images.json", "workflows/ci.yml", "workflows/compliance.yml", "workflows/deploy.yml", "workflows/release.yml", "workflows/rollback.yml"], first.Select(f => f.Path));
        Assert.All(first, f => Assert.EndsWith("\n", f.Content, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryBuiltImage_IsBuiltFromTheDockerfileBesideItsProject_AndPushedToEachDistinctRegistry()
    {
        var model = Buildable(SyntheticModels.Create(3));
        var images = ReleaseImages.From(model);
        Assert.Equal(["migrate", "gateway", "service-0001"], images.Images.Select(i => i.Name));
        Assert.Equal("src/Gateway/Dockerfile", images.Images.Single(i => i.Name == "gateway").Dockerfile);
        // Every environment shares each cloud's registry: four targets, four registries, however many environments.
        Assert.Equal(4, images.Registries.Count);
        Assert.Equal(model.Environments.SelectMany(e => e.Targets).Select(t => model.Naming.ImageName(t, "gateway")).Distinct(), images.Images.Single(i => i.Name == "gateway").PushedTo.Select(p => p.Image));
        Assert.Equal("0.1.0", images.Version);
    }

    [Fact]
    public void EnvironmentsPinningDifferentTags_AreRefused_NamingTheTags()
    {
        var model = Buildable(SyntheticModels.Create(3));
        model = model with { Environments = [model.Environments[0], model.Environments[1] with { ImageTag = "0.2.0" }] };
        var error = Assert.Throws<InvalidOperationException>(() => ReleaseImages.From(model));
        Assert.Contains("0.1.0, 0.2.0", error.Message, StringComparison.Ordinal);
        Assert.Contains("one ImageTag", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnImageWithNoProject_IsRefused_NamingTheWorkload()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ReleaseImages.From(SyntheticModels.Create(3)));
        Assert.Contains("'migrate'", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddProject", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AModelOfSitesOnly_IsRefused_ForNoRegistryTheHostedRunnersReach()
    {
        var settings = new DeploymentSettings { Environments = [.. DeploymentDefaults.Environments.Select(e => e with { Clouds = [Cloud.OnPrem], PrimaryCloud = null })] };
        var error = Assert.Throws<InvalidOperationException>(() => new DeliveryEmitter().Emit(Buildable(SyntheticModels.Create(3, settings))));
        Assert.Contains("sites only", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The synthetic model with a project (and so a Dockerfile) for each workload.</summary>
    private static DeploymentModel Buildable(DeploymentModel model) => model with
    {
        Services = [.. model.Services.Select(s => s with { SourceProject = $"src/{char.ToUpperInvariant(s.Name[0])}{s.Name[1..]}/{s.Name}.csproj" })],
    };
}
