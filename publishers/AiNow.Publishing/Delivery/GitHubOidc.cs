namespace AiNow.Publishing.Delivery;

/// <summary>What the clouds trust: GitHub Actions' OIDC issuer and the subject of a job that runs in a GitHub environment.</summary>
public static class GitHubOidc
{
    /// <summary>The issuer of every workflow run's OIDC token.</summary>
    public const string Issuer = "https://token.actions.githubusercontent.com";

    /// <summary>The <c>sub</c> claim of a job running in <paramref name="environment"/> of <paramref name="repository"/> (<c>owner/name</c>).</summary>
    public static string Subject(string repository, string environment) => $"repo:{repository}:environment:{environment}";
}
