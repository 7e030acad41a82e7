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

    [Fact]
    public void AVaultWithAPrivateCa_IsTrustedByTheLogin_AndByTerraform_FromTheCertificateExternalSecretsTrusts()
    {
        const string pem = "-----BEGIN CERTIFICATE-----\nMIIBsite\n-----END CERTIFICATE-----";
        var settings = new DeploymentSettings();
        settings = settings with { Accounts = settings.Accounts with { OnPrem = settings.Accounts.OnPrem with { VaultCaBundle = pem } } };
        var model = Buildable(SyntheticModels.Create(3, settings));
        var jobs = DeliveryEmitter.Workflows(model, ReleaseImages.From(model)).Where(w => w.Name is "deploy" or "rollback").SelectMany(w => w.Jobs.Values).Where(j => j.Name.EndsWith("to onprem", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(jobs);
        foreach (var job in jobs)
        {
            var steps = job.Steps.ToList();
            var login = Assert.Single(steps, s => s.Uses?.StartsWith("hashicorp/vault-action@", StringComparison.Ordinal) == true);
            Assert.Equal(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(pem)), login.With!["caCertificate"]);
            Assert.Equal("vault", login.With["jwtGithubAudience"]);
            var trust = Assert.Single(steps, s => s.Env?.ContainsKey("VAULT_CA_BUNDLE") == true);
            Assert.Equal(pem, trust.Env!["VAULT_CA_BUNDLE"]);
            Assert.True(steps.IndexOf(trust) < steps.IndexOf(login));
        }
    }

    [Fact]
    public void TheReadme_SaysWhatTheFirstRunNeedsBeyondTheWorkflows()
    {
        var readme = new DeliveryEmitter().Emit(Buildable(SyntheticModels.Create(3))).Single(f => f.Path == "README.md").Content;
        Assert.Contains("## Before the first run", readme, StringComparison.Ordinal);
        Assert.Contains("for private or internal ones, only on GitHub Enterprise Cloud", readme, StringComparison.Ordinal);
        Assert.Contains("Runner groups exist only in organisations", readme, StringComparison.Ordinal);
        Assert.Contains("The approval of `production` is given when its jobs start, before Terraform's plan is shown", readme, StringComparison.Ordinal);
        Assert.Contains("`newTag: 0.1.0`, which exists in the registries only once the tag `v0.1.0` is released", readme, StringComparison.Ordinal);
    }

    /// <summary>
    /// The synthetic model with a project (and so a Dockerfile) for each workload, and the Redis store the
    /// Terraform roots provision (the deploy jobs give those roots' inputs).
    /// </summary>
    private static DeploymentModel Buildable(DeploymentModel model) => model with
    {
        Services = [.. model.Services.Select(s => s with { SourceProject = $"src/{char.ToUpperInvariant(s.Name[0])}{s.Name[1..]}/{s.Name}.csproj" })],
        DataStores = [.. model.DataStores, Redis],
        Parameters = [.. model.Parameters, new ParameterSpec("redis-password", true)],
    };

    private static DataStoreSpec Redis { get; } = new(
        "redis",
        DataStoreKind.Redis,
        new ImageReference("docker.io/library/redis", "8.2", BuiltFromSource: false),
        new EndpointSpec("tcp", "tcp", 6379, 6379, IsExternal: false),
        Entrypoint: null,
        Arguments: [],
        Environment: [],
        PasswordParameter: "redis-password",
        Connections: [new ConnectionSpec("redis", null, new([new EndpointPart("redis", "tcp", EndpointProperty.Host), new LiteralPart(",password="), new SecretPart("redis-password")]))]);
}
