using System.Text.Json.Serialization;
using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Delivery;

/// <summary>
/// <c>delivery/images.json</c>: what a release builds and where it pushes it. The release workflow
/// reads it to build; the agreement tests hold it against the overlays and the registries Terraform makes.
/// </summary>
/// <param name="Comment">The generated-file header (JSON has no comments).</param>
/// <param name="Version">The release version: the tag every overlay pins (<c>0.1.0</c>).</param>
/// <param name="Registries">Every registry a release is pushed to, one per distinct cloud registry of the environments' targets.</param>
/// <param name="Images">Every image built from this repository.</param>
public sealed record ReleaseImages(
    [property: JsonPropertyName("$comment")] string Comment,
    string Version,
    IReadOnlyList<ReleaseRegistry> Registries,
    IReadOnlyList<BuiltImage> Images)
{
    /// <summary>The file's name in the delivery folder.</summary>
    public const string FileName = "images.json";

    /// <summary>What a release of <paramref name="model"/> builds and pushes.</summary>
    public static ReleaseImages From(DeploymentModel model)
    {
        ArgumentNullException.ThrowIfNull(model);

        var registries = ReleaseRegistry.Of(model);
        var images = model.Services.Where(s => s.Image.BuiltFromSource).Select(service => BuiltImage.Of(model, service, registries)).ToList();
        if (images.Count == 0)
        {
            throw new InvalidOperationException("The app model builds no image from source, so a release has nothing to build. Add a project resource to the AppHost.");
        }

        return new ReleaseImages(ManifestYaml.Header.TrimStart('#', ' '), ReleaseVersion(model), registries, images);
    }

    /// <summary>
    /// The one version a release carries. Every environment pins the same tag (the settings'
    /// <c>ImageTag</c>), since a release is built once and promoted through them.
    /// </summary>
    private static string ReleaseVersion(DeploymentModel model) => model.Environments.Select(e => e.ImageTag).Distinct(StringComparer.Ordinal).ToList() switch
    {
        [var version] => version,
        [] => throw new InvalidOperationException("The deployment model has no environment, so no release version. Add an environment to the settings."),
        var versions => throw new InvalidOperationException($"The environments pin different image tags ({string.Join(", ", versions)}); a release is built once and promoted through every environment. Give them one ImageTag."),
    };
}

/// <summary>A registry a release is pushed to.</summary>
/// <param name="Cloud">The cloud's key (<c>aws</c>).</param>
/// <param name="Region">The region of the account's registry (a site name on-premises).</param>
/// <param name="Account">The account, project, registry name or site registry host it belongs to.</param>
/// <param name="Prefix">The registry host and path every image name starts with.</param>
/// <param name="Target">The first target that pulls from it (its account, region and profile).</param>
public sealed record ReleaseRegistry(string Cloud, string Region, string Account, string Prefix, [property: JsonIgnore] CloudTarget Target)
{
    /// <summary>The distinct registries of every environment's targets, in the order environments and targets are listed.</summary>
    public static IReadOnlyList<ReleaseRegistry> Of(DeploymentModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Environments
            .SelectMany(e => e.Targets)
            .Select(t => new ReleaseRegistry(t.Key, t.Region, t.Account.AccountId, t.Profile.RegistryPrefix(t.Account.AccountId, t.Region), t))
            .DistinctBy(r => r.Prefix, StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>One image a release builds.</summary>
/// <param name="Name">The workload (<c>api</c>), also the name of its build's artifacts.</param>
/// <param name="Repository">The repository as the base and the overlays name it (<c>ainow/api</c>).</param>
/// <param name="Dockerfile">Its production Dockerfile, from the repository root. Its base image and runtime identifier are its own build arguments' defaults.</param>
/// <param name="Context">The build context, from the repository root.</param>
/// <param name="Platform">The platform built.</param>
/// <param name="PushedTo">The full image name in each registry, the very names the overlays use.</param>
public sealed record BuiltImage(string Name, string Repository, string Dockerfile, string Context, string Platform, IReadOnlyList<PushedImage> PushedTo)
{
    /// <summary>The nodes of every cluster are x86-64.</summary>
    public const string LinuxAmd64 = "linux/amd64";

    /// <summary>The image of <paramref name="service"/>, pushed to every registry of <paramref name="registries"/>.</summary>
    public static BuiltImage Of(DeploymentModel model, ServiceSpec service, IReadOnlyList<ReleaseRegistry> registries)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(registries);

        var project = service.SourceProject
            ?? throw new InvalidOperationException($"'{service.Name}' is built from source but the model knows no project file for it, so the release cannot find its Dockerfile. Add it to the AppHost with AddProject.");
        var folder = project.Contains('/', StringComparison.Ordinal) ? project[..project.LastIndexOf('/')] : ".";
        // The overlays name images with the same function, so a release pushes exactly what the clusters pull.
        var pushed = registries.Select(r => new PushedImage(r.Cloud, r.Prefix, model.Naming.ImageName(r.Target, service.Name))).ToList();
        return new BuiltImage(service.Name, service.Image.Repository, $"{folder}/Dockerfile", ".", LinuxAmd64, pushed);
    }
}

/// <summary>Where one image goes in one registry.</summary>
/// <param name="Cloud">The cloud's key.</param>
/// <param name="Registry">The registry's prefix (<see cref="ReleaseRegistry.Prefix"/>).</param>
/// <param name="Image">The full image name, without tag or digest.</param>
public sealed record PushedImage(string Cloud, string Registry, string Image);
