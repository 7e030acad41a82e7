namespace AiNow.Publishing.Delivery.Workflows;

/// <summary>
/// The contract between release, deploy and rollback: the release workflow uploads the pushed digests
/// as <c>release.json</c> in the artifact <see cref="Name"/>; deploy downloads it from the release run
/// that triggered it and hands the file to the deploy command; each successful deploy and rollback
/// keeps a copy as <see cref="DeployedName"/> (what runs now), which rollback finds again.
/// </summary>
public static class ReleaseArtifact
{
    /// <summary>The release run's artifact.</summary>
    public const string Name = "release";

    /// <summary>The file inside it: <c>{ "version": "0.1.0", "commit": "&lt;40 hex&gt;", "images": { "ainow/api": "sha256:&lt;64 hex&gt;" } }</c>.</summary>
    public const string File = "release.json";

    /// <summary>How long GitHub keeps it (its maximum on public repositories): how far back a rollback can reach.</summary>
    public const int RetentionDays = 90;

    /// <summary>What a successful deploy or rollback of an environment to a target records.</summary>
    public static string DeployedName(string environment, string target) => $"deployed-{environment}-{target}";

    /// <summary>
    /// The second file of a rollback's record: the commit it rolled back from, one line. A later rollback
    /// never returns to that commit from the releases deployed before it.
    /// </summary>
    public const string RolledBackFromFile = "rolled-back-from";

    /// <summary>A jq program that fails unless the file is a well-formed release of <c>$commit</c> with one digest per image.</summary>
    public const string CheckProgram =
        "(.version | type == \"string\" and length > 0) and (.commit == $commit) and (.commit | test(\"^[0-9a-f]{40}$\")) " +
        "and (.images | type == \"object\" and length > 0 and all(.[]; test(\"^sha256:[0-9a-f]{64}$\")))";
}
