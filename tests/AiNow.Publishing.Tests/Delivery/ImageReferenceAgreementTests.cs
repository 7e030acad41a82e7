using System.Text.Json.Nodes;
using AiNow.Publishing.Model;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Delivery;

/// <summary>
/// The image references of the Kubernetes output and the release pipeline agree: every application
/// image an overlay pulls is one <c>images.json</c> builds, named in the registry the release pushes it
/// to on that overlay's cloud, at the release's version; the Terraform registries hold exactly those
/// repositories; the workflow builds from <c>images.json</c>. Each side is read from the published files.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed class ImageReferenceAgreementTests(PublishedManifests published)
{
    private JsonObject Images => PublishedWorkflows.Images(published.Output);

    [Theory]
    [MemberData(nameof(PublishedManifests.OverlayNames), MemberType = typeof(PublishedManifests))]
    public void EveryImageAnOverlayMapsToItsRegistry_IsOneTheReleasePushesThere_AtTheReleaseVersion(string overlay)
    {
        var rendered = published.Overlay(overlay);
        var kustomization = PublishedWorkflows.Parse(File.ReadAllText(Path.Combine(published.Kubernetes, "overlays", overlay, "kustomization.yaml")));
        var built = Images["images"]!.AsArray().Select(i => i!.AsObject()).ToDictionary(i => (string)i["repository"]!, StringComparer.Ordinal);
        var version = (string)Images["version"]!;

        var mapped = kustomization["images"]!.AsArray().Select(i => i!.AsObject())
            .Where(i => !published.Model.DataStores.Any(s => s.Image.Repository == (string)i["name"]!))
            .ToList();
        Assert.Equal(built.Keys.Order(StringComparer.Ordinal), mapped.Select(i => (string)i["name"]!).Order(StringComparer.Ordinal));
        foreach (var entry in mapped)
        {
            var image = built[(string)entry["name"]!];
            var pushed = Assert.Single(image["pushedTo"]!.AsArray(), p => (string)p!["cloud"]! == rendered.Target.Key)!;
            Assert.Equal((string)pushed["image"]!, (string)entry["newName"]!);
            Assert.Equal(version, (string)entry["newTag"]!);
        }

        // What the pods really pull after kustomize: those names at that tag, nothing of ours from anywhere else.
        var pulled = rendered.PodSpecs().SelectMany(p => p.Pod.Containers.Concat(p.Pod.InitContainers ?? [])).Select(c => c.Image).ToHashSet(StringComparer.Ordinal);
        var ours = pulled.Where(i => built.Keys.Any(r => i.Contains("/" + r + ":", StringComparison.Ordinal))).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(mapped.Select(m => $"{m["newName"]}:{version}").ToHashSet(StringComparer.Ordinal), ours);
    }

    [Fact]
    public void TheRelease_BuildsEveryWorkloadBuiltFromSource_FromItsDockerfile_IntoEveryRegistryOfEveryTarget()
    {
        var images = Images["images"]!.AsArray().Select(i => i!.AsObject()).ToList();
        var fromSource = published.Model.Services.Where(s => s.Image.BuiltFromSource).ToList();
        Assert.Equal(fromSource.Select(s => s.Image.Repository), images.Select(i => (string)i["repository"]!));
        var registries = Images["registries"]!.AsArray().Select(r => (string)r!["prefix"]!).ToList();
        Assert.Equal(published.Model.Environments.SelectMany(e => e.Targets).Select(t => t.Profile.RegistryPrefix(t.Account.AccountId, t.Region)).Distinct(StringComparer.Ordinal), registries);
        foreach (var image in images)
        {
            var dockerfile = (string)image["dockerfile"]!;
            Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, dockerfile)), $"{dockerfile} does not exist");
            Assert.Equal(".", (string)image["context"]!);
            Assert.Equal(registries, image["pushedTo"]!.AsArray().Select(p => (string)p!["registry"]!));
            Assert.All(image["pushedTo"]!.AsArray(), p => Assert.Equal($"{p!["registry"]}/{image["repository"]}", (string)p["image"]!));
        }

        // The workflow builds what images.json lists, not a copy of it.
        var release = PublishedWorkflows.Load(published.Output, "release");
        var plan = release.Jobs["plan"]!["steps"]!.AsArray().Single(s => s!["id"]?.ToString() == "plan")!;
        Assert.Equal("manifests/delivery/images.json", (string)plan["env"]!["IMAGES"]!);
        Assert.Equal("${{ fromJSON(needs.plan.outputs.images) }}", (string)release.Jobs["build"]!["strategy"]!["matrix"]!["image"]!);
    }

    [Fact]
    public async Task TheRegistriesTerraformCreates_HoldExactlyTheRepositoriesTheReleasePushes()
    {
        var tree = await published.TerraformTreeAsync();
        var repositories = Images["images"]!.AsArray().Select(i => (string)i!["repository"]!).Order(StringComparer.Ordinal).ToList();
        var checkedRegistries = 0;
        foreach (var registry in Images["registries"]!.AsArray().Select(r => r!.AsObject()))
        {
            var (cloud, region, account) = ((string)registry["cloud"]!, (string)registry["region"]!, (string)registry["account"]!);
            var root = $"accounts/{cloud}-{region}";
            switch (cloud)
            {
                case "aws":
                    Assert.Equal(repositories, tree.Values(root)["repositories"]!.AsArray().Select(r => (string)r!).Order(StringComparer.Ordinal));
                    Assert.Equal(region, (string)tree.Values(root)["region"]!);
                    break;
                case "gcp":
                    Assert.Equal(repositories, tree.Values(root)["repositories"]!.AsArray().Select(r => (string)r!).Order(StringComparer.Ordinal));
                    Assert.Equal(account, (string)tree.Values(root)["project"]!);
                    Assert.Equal($"{region}-docker.pkg.dev/{account}", (string)registry["prefix"]!);
                    break;
                case "digitalocean":
                    // DOCR makes a repository on first push inside the registry the root creates.
                    Assert.Equal(account, (string)tree.Values(root)["name"]!);
                    Assert.Equal($"registry.digitalocean.com/{account}", (string)registry["prefix"]!);
                    break;
                default:
                    // A site's registry is its own; no root creates it.
                    Assert.Equal(Cloud.OnPrem.ToString().ToLowerInvariant(), cloud);
                    Assert.DoesNotContain(tree.Roots, r => r.StartsWith($"accounts/{cloud}", StringComparison.Ordinal));
                    continue;
            }

            checkedRegistries++;
        }

        Assert.Equal(3, checkedRegistries);
    }
}
