using System.Text.Json;
using System.Text.RegularExpressions;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Deployment;

/// <summary>
/// Reads a release file and checks it against the images the model builds: every built repository has
/// exactly one digest, nothing else is listed, and each digest is <c>sha256:</c> with 64 lowercase hex
/// digits (a tag or a short digest would let a registry serve something else).
/// </summary>
internal static partial class ReleaseFile
{
    /// <summary>The setting the errors name.</summary>
    private const string Setting = DeployCommandLine.ReleaseSetting;

    /// <summary>Reads and validates <paramref name="path"/>; every problem is reported at once.</summary>
    public static Release Read(string path, DeploymentModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new DeployException(Setting, "No release file was given.", $"Pass --{Setting} <file>, the release.json the release workflow wrote (version, commit and the digest of each image).");
        }

        if (!File.Exists(path))
        {
            throw new DeployException(Setting, $"The release file '{path}' does not exist.", "Download the release workflow's release.json artifact and pass its path (relative paths are taken from the folder the command runs in).");
        }

        ReleaseDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(File.ReadAllText(path), ReleaseJsonContext.Default.ReleaseDocument);
        }
        catch (JsonException exception)
        {
            throw new DeployException(Setting, $"'{path}' is not a release file: {exception.Message}", """Give the release workflow's release.json: { "version": "0.1.0", "commit": "<40 hex>", "images": { "ainow/api": "sha256:<64 hex>", ... } }.""");
        }

        return Validate(document ?? new ReleaseDocument(null, null, null), path, model.BuiltImageRepositories.ToList());
    }

    private static Release Validate(ReleaseDocument release, string path, IReadOnlyList<string> built)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(release.Version))
        {
            problems.Add("'version' is missing.");
        }

        if (release.Commit is null || !CommitPattern().IsMatch(release.Commit))
        {
            problems.Add($"'commit' must be the full 40-character lowercase commit id, not '{release.Commit}'.");
        }

        var images = release.Images ?? new Dictionary<string, string?>();
        foreach (var repository in built.Where(r => !images.ContainsKey(r)))
        {
            problems.Add($"image '{repository}' has no digest (the model builds it; every built image must be released together).");
        }

        foreach (var repository in images.Keys.Where(r => !built.Contains(r, StringComparer.Ordinal)).Order(StringComparer.Ordinal))
        {
            problems.Add($"image '{repository}' is not built by this model (it builds {string.Join(", ", built)}).");
        }

        foreach (var (repository, digest) in images.Where(i => built.Contains(i.Key, StringComparer.Ordinal)).OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            if (digest is null || !DigestPattern().IsMatch(digest))
            {
                problems.Add($"image '{repository}' has digest '{digest}', which is not 'sha256:' followed by 64 lowercase hex digits.");
            }
        }

        if (problems.Count > 0)
        {
            throw new DeployException(
                Setting,
                $"The release file '{path}' is not usable: {string.Join(" ", problems)}",
                "Use the release.json of a successful release workflow run unchanged: it lists each built image with the digest its push returned (sha256:<64 hex>).");
        }

        return new Release(release.Version!, release.Commit!, new SortedDictionary<string, string>(images.ToDictionary(i => i.Key, i => i.Value!), StringComparer.Ordinal));
    }

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex CommitPattern();

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestPattern();
}
