using AiNow.AppHost;
using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Model;
using AiNow.Publishing.Reading;

namespace AiNow.Publishing.Tests.Infrastructure;

/// <summary>
/// One publish of the real AppHost through Aspire's pipeline into a temp folder, every overlay
/// rendered with <c>kubectl kustomize</c>, and the deployment model the publish was made from.
/// Shared by the tests of the "published" collection.
/// </summary>
public sealed class PublishedManifests : IAsyncLifetime
{
    private readonly Dictionary<string, RenderedOverlay> _overlays = new(StringComparer.Ordinal);
    private readonly Lazy<Task<TerraformTree>> _terraform;

    public PublishedManifests() => _terraform = new(() => TerraformTree.ParseAsync(Terraform));

    public string Output { get; private set; } = "";

    /// <summary>A folder for the tests' own files, apart from the publish output the golden test compares.</summary>
    public string Scratch { get; private set; } = "";

    public string Kubernetes => Path.Combine(Output, KubernetesEmitter.Folder);

    /// <summary>The published Terraform folder.</summary>
    public string Terraform => Path.Combine(Output, "terraform");

    /// <summary>The generated overview (with the operators' runbooks).</summary>
    public string OverviewText => File.ReadAllText(Path.Combine(Output, Overview.OverviewEmitter.FileName));

    internal DeploymentModel Model { get; private set; } = null!;

    internal IReadOnlyCollection<RenderedOverlay> Overlays => _overlays.Values;

    /// <summary>The names of every overlay the AppHost's settings produce (<c>dev-aws</c>, ...), for theories.</summary>
    public static TheoryData<string> OverlayNames()
    {
        var data = new TheoryData<string>();
        foreach (var environment in DeploymentTargets.Settings.Environments)
        {
            foreach (var cloud in environment.Clouds)
            {
                data.Add($"{environment.Name}-{AiNow.Publishing.Model.Clouds.CloudProfile.KeyOf(cloud)}");
            }
        }

        return data;
    }

    internal RenderedOverlay Overlay(string name) => _overlays[name];

    /// <summary>The overview's runbook of one environment on one cloud, up to the next heading.</summary>
    internal string Runbook(RenderedOverlay overlay)
    {
        var text = OverviewText;
        var start = text.IndexOf($"### {overlay.Environment.Name} on {overlay.Target.Key}: runbook", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"The overview has no runbook for {overlay.Name}.");
        }

        var end = text.IndexOf("\n##", start + 4, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }

    /// <summary>The published Terraform, parsed once by HashiCorp's HCL parser.</summary>
    internal Task<TerraformTree> TerraformTreeAsync() => _terraform.Value;

    public async Task InitializeAsync()
    {
        Output = Directory.CreateTempSubdirectory("ainow-published-").FullName;
        Scratch = Directory.CreateTempSubdirectory("ainow-scratch-").FullName;
        await AppHostPublishing.PublishAsync(Output);

        await using (var appHost = await AppHostPublishing.BuildModelAsync())
        {
            Model = await new AppModelReader(DeploymentTargets.Settings).ReadAsync(appHost.Model, appHost.ExecutionContext);
        }

        foreach (var environment in Model.Environments)
        {
            foreach (var target in environment.Targets)
            {
                var folder = Path.Combine(Kubernetes, KubernetesLayout.Overlay(environment.Name, target.Cloud));
                var text = await ProcessRunner.KustomizeAsync(folder);
                var name = $"{environment.Name}-{target.Key}";
                _overlays[name] = new RenderedOverlay(name, environment, target, text, RenderedObject.Parse(text));
            }
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Output, recursive: true);
        Directory.Delete(Scratch, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>A rendered overlay: its plan and its objects.</summary>
internal sealed record RenderedOverlay(string Name, EnvironmentPlan Environment, CloudTarget Target, string Text, IReadOnlyList<RenderedObject> Objects)
{
    public IEnumerable<RenderedObject> OfKind(string kind) => Objects.Where(o => o.Kind == kind);

    public RenderedObject Single(string kind, string name) => Objects.Single(o => o.Kind == kind && o.Name == name);

    /// <summary>Every pod template, with its owner (<c>Deployment/api</c>).</summary>
    public IEnumerable<(string Owner, k8s.Models.V1PodSpec Pod)> PodSpecs() =>
        Objects.Select(o => (Owner: $"{o.Kind}/{o.Name}", Pod: o.PodSpec())).Where(p => p.Pod is not null).Select(p => (p.Owner, p.Pod!));

    /// <summary>Every secret-store entry the overlay's ExternalSecrets fetch.</summary>
    public IEnumerable<string> RemoteKeys() => OfKind("ExternalSecret").SelectMany(e => e.RemoteKeys());

    public override string ToString() => Name;
}

[CollectionDefinition(Name)]
public sealed class PublishedGroup : ICollectionFixture<PublishedManifests>
{
    public const string Name = "published";
}
