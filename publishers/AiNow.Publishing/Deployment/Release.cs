using System.Text.Json.Serialization;

namespace AiNow.Publishing.Deployment;

/// <summary>
/// What the release workflow built and pushed: the version, the commit it was built from, and the
/// digest of every image, keyed by repository (<c>ainow/api</c>). Every cloud's registry holds the
/// same image under the same digest, so one digest per repository pins it everywhere.
/// </summary>
/// <param name="Version">The release version (<c>0.1.0</c>).</param>
/// <param name="Commit">The full commit id the images were built from.</param>
/// <param name="Images">The digest (<c>sha256:</c> and 64 hex digits) of each built repository, in repository order.</param>
public sealed record Release(string Version, string Commit, IReadOnlyDictionary<string, string> Images);

/// <summary>The release file as written (<c>release.json</c>); every field may be missing until <see cref="ReleaseFile"/> has checked it.</summary>
internal sealed record ReleaseDocument(
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("commit")] string? Commit,
    [property: JsonPropertyName("images")] Dictionary<string, string?>? Images);

/// <summary>The release file's serializer, generated at build time (no reflection, trim-safe); unknown fields are refused.</summary>
[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ReleaseDocument))]
internal sealed partial class ReleaseJsonContext : JsonSerializerContext;
