using System.Text.Json.Serialization;

namespace AiNow.Publishing.Delivery.Workflows.Model;

/// <summary>
/// The <c>GITHUB_TOKEN</c>'s permissions. Every scope left null is <c>none</c>, so an empty object
/// (<c>permissions: {}</c>) grants nothing; each job asks for exactly the scopes it uses.
/// </summary>
public sealed record Permissions
{
    /// <summary>Read access.</summary>
    public const string Read = "read";

    /// <summary>Write access.</summary>
    public const string Write = "write";

    /// <summary>No permission at all.</summary>
    public static Permissions None { get; } = new();

    /// <summary>Only reading the repository's contents.</summary>
    public static Permissions ReadContents { get; } = new() { Contents = Read };

    /// <summary>Workflow runs and their artifacts (another run's artifacts are downloaded with it).</summary>
    public string? Actions { get; init; }

    /// <summary>Artifact attestations (build provenance).</summary>
    public string? Attestations { get; init; }

    /// <summary>The repository's contents.</summary>
    public string? Contents { get; init; }

    /// <summary>Deployment records of GitHub environments.</summary>
    public string? Deployments { get; init; }

    /// <summary>An OpenID Connect token, which cloud logins exchange for short-lived credentials.</summary>
    [JsonPropertyName("id-token")]
    public string? IdToken { get; init; }

    /// <summary>Issues (the compliance report).</summary>
    public string? Issues { get; init; }

    /// <summary>GitHub Packages.</summary>
    public string? Packages { get; init; }

    /// <summary>Code-scanning alerts.</summary>
    [JsonPropertyName("security-events")]
    public string? SecurityEvents { get; init; }
}
