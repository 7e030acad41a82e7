using AiNow.Publishing.Tests.Infrastructure;
using k8s.Models;

namespace AiNow.Publishing.Tests.Contracts;

/// <summary>
/// A release pins its images by tag and digest in a kustomization wrapping the generated overlay, as
/// the runbook says, and every pod of the overlay then runs exactly the pinned images: no generated
/// file is edited, and the cluster pulls only what the release built.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed class ReleasePinningTests(PublishedManifests published)
{
    public static TheoryData<string> Overlays => PublishedManifests.OverlayNames();

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task AReleaseKustomization_PinsEveryApplicationImage_ByTagAndDigest(string name)
    {
        var overlay = published.Overlay(name);
        var model = published.Model;
        var release = Directory.CreateTempSubdirectory("ainow-release-").FullName;
        try
        {
            var images = model.Services.Where(s => s.Image.BuiltFromSource).ToDictionary(
                s => model.Naming.ImageName(overlay.Target, s.Name),
                s => $"sha256:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(s.Name)))}");
            var overlayFolder = Path.Combine(published.Kubernetes, "overlays", name);
            var text = $"apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- {Path.GetRelativePath(release, overlayFolder)}\nimages:\n"
                + string.Concat(images.Select(i => $"- name: {i.Key}\n  newTag: 2.7.1\n  digest: {i.Value}\n"));
            await File.WriteAllTextAsync(Path.Combine(release, "kustomization.yaml"), text);

            var rendered = RenderedObject.Parse(await ProcessRunner.KustomizeAsync(release));
            // The application's pods; in-cluster stores run third-party images.
            var containers = rendered.Where(o => o.Kind != "StatefulSet").Select(o => o.PodSpec()).OfType<V1PodSpec>().SelectMany(p => p.Containers).ToList();
            Assert.Equal(model.Services.Count(s => s.Image.BuiltFromSource), containers.Count);
            Assert.All(containers, c =>
            {
                var at = c.Image.IndexOf('@', StringComparison.Ordinal);
                Assert.True(at > 0, $"{c.Name} runs '{c.Image}', which is not pinned by digest.");
                var reference = c.Image[..at];
                var repository = reference.LastIndexOf(':') > reference.LastIndexOf('/') ? reference[..reference.LastIndexOf(':')] : reference;
                Assert.Equal(images[repository], c.Image[(at + 1)..]);
            });
        }
        finally
        {
            Directory.Delete(release, recursive: true);
        }
    }
}
