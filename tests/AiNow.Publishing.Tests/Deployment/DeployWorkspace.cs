using System.Text.Json;
using AiNow.Publishing.Deployment;
using AiNow.Publishing.Model;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Deployment;

/// <summary>
/// A throwaway checkout for deploy tests: <c>manifests</c> (the collection's publish, linked), a
/// release file with a distinct digest per image, and a site kubeconfig; plans are made against it.
/// </summary>
internal sealed class DeployWorkspace : IDisposable
{
    /// <summary>A workspace whose <c>manifests</c> is the collection's publish.</summary>
    public DeployWorkspace(PublishedManifests published)
        : this(published.Model, published.Output)
    {
    }

    /// <summary>A workspace for <paramref name="model"/> whose <c>manifests</c> links to <paramref name="publishedOutput"/>, or is absent until a deploy publishes it.</summary>
    public DeployWorkspace(DeploymentModel model, string? publishedOutput)
    {
        Model = model;
        Root = Directory.CreateTempSubdirectory("ainow-deploy-").FullName;
        Output = Path.Combine(Root, "manifests");
        if (publishedOutput is not null)
        {
            Directory.CreateSymbolicLink(Output, publishedOutput);
        }

        ReleaseFile = Path.Combine(Root, "release.json");
        Digests = Model.BuiltImageRepositories.Select((repository, i) => (repository, Digest: "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)))))
            .ToDictionary(p => p.repository, p => p.Digest, StringComparer.Ordinal);
        WriteRelease(Digests);
        Kubeconfig = Path.Combine(Root, "site-kubeconfig");
        File.WriteAllText(Kubeconfig, "apiVersion: v1\nkind: Config\ncurrent-context: site\n");
    }

    public DeploymentModel Model { get; }

    public string Root { get; }

    public string Output { get; }

    public string ReleaseFile { get; }

    public string Kubeconfig { get; }

    /// <summary>The released digest of each built repository.</summary>
    public IReadOnlyDictionary<string, string> Digests { get; }

    public Release Release => AiNow.Publishing.Deployment.ReleaseFile.Read(ReleaseFile, Model);

    /// <summary>Every environment and target the AppHost deploys to, and <c>global</c> and <c>all</c> per environment.</summary>
    public static TheoryData<string, string> Scopes()
    {
        var data = new TheoryData<string, string>();
        foreach (var environment in AppHost.DeploymentTargets.Settings.Environments)
        {
            foreach (var cloud in environment.Clouds)
            {
                data.Add(environment.Name, AiNow.Publishing.Model.Clouds.CloudProfile.KeyOf(cloud));
            }

            data.Add(environment.Name, DeployCommandLine.GlobalTarget);
            data.Add(environment.Name, DeployCommandLine.AllTargets);
        }

        return data;
    }

    public void WriteRelease(IReadOnlyDictionary<string, string> images, string version = "0.1.0", string commit = "0123456789abcdef0123456789abcdef01234567") =>
        File.WriteAllText(ReleaseFile, JsonSerializer.Serialize(new { version, commit, images }));

    public DeployPlan Plan(string environment, string target) =>
        DeployPlanner.Plan(Model, new DeployRequest(environment, target, ReleaseFile, DryRun: true, Kubeconfig), Release, Output);

    /// <summary>Writes the plan's release kustomizations where the deploy step writes them.</summary>
    public static void WriteReleases(DeployPlan plan)
    {
        foreach (var release in plan.Releases)
        {
            Directory.CreateDirectory(release.Folder);
            File.WriteAllText(release.File, release.Content);
        }
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
