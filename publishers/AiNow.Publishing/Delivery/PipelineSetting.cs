namespace AiNow.Publishing.Delivery;

/// <summary>Whether a pipeline setting is a secret (masked, never in a file) or a plain variable.</summary>
public enum PipelineSettingKind
{
    /// <summary>A GitHub Actions secret, read as <c>${{ secrets.NAME }}</c>.</summary>
    Secret,

    /// <summary>A GitHub Actions configuration variable, read as <c>${{ vars.NAME }}</c>.</summary>
    Variable,
}

/// <summary>
/// A value the workflows read from a GitHub environment (or the repository) by reference: its value is
/// set in GitHub, never written here.
/// </summary>
/// <param name="Name">The secret's or variable's name.</param>
/// <param name="Kind">Secret or variable.</param>
/// <param name="Purpose">What it is and who issues it, for the delivery README.</param>
public sealed record PipelineSetting(string Name, PipelineSettingKind Kind, string Purpose)
{
    /// <summary>The expression that reads it.</summary>
    public string Reference => Kind == PipelineSettingKind.Secret ? $"${{{{ secrets.{Name} }}}}" : $"${{{{ vars.{Name} }}}}";

    /// <summary>DigitalOcean has no OIDC federation: an API token scoped to the registry (release) or the team's resources (deploy).</summary>
    public static PipelineSetting DigitalOceanToken { get; } = new("DIGITALOCEAN_TOKEN", PipelineSettingKind.Secret,
        "DigitalOcean API token. DigitalOcean offers no OIDC federation, so this is the one long-lived cloud credential: a custom-scoped token (release: registry read/write; deploy: the team's Kubernetes, databases, VPC, Spaces and registry), kept as an environment secret, rotated at least every 90 days.");

    /// <summary>Spaces keys for the S3-compatible state backend and the Spaces provider.</summary>
    public static PipelineSetting SpacesAccessKeyId { get; } = new("SPACES_ACCESS_KEY_ID", PipelineSettingKind.Secret, "Spaces access key id (Terraform state of DigitalOcean roots), scoped to the state bucket.");

    /// <summary>The secret half of <see cref="SpacesAccessKeyId"/>.</summary>
    public static PipelineSetting SpacesSecretAccessKey { get; } = new("SPACES_SECRET_ACCESS_KEY", PipelineSettingKind.Secret, "Spaces secret access key of the key above.");

    /// <summary>The Google project number, which the workload identity provider's resource name needs.</summary>
    public static PipelineSetting GcpProjectNumber { get; } = new("GCP_PROJECT_NUMBER", PipelineSettingKind.Variable,
        "The Google Cloud project's number (not its id): the workload identity provider's resource name contains it (`gcloud projects describe <project> --format='value(projectNumber)'`).");

    /// <summary>The site registry's robot account.</summary>
    public static PipelineSetting SiteRegistryUsername { get; } = new("SITE_REGISTRY_USERNAME", PipelineSettingKind.Variable, "The site registry's robot account that pushes releases.");

    /// <summary>The robot account's password or token.</summary>
    public static PipelineSetting SiteRegistryPassword { get; } = new("SITE_REGISTRY_PASSWORD", PipelineSettingKind.Secret, "The robot account's token (push to the application's repositories only).");

    /// <summary>A kubeconfig of the site's cluster for the deploy identity.</summary>
    public static PipelineSetting SiteKubeconfig { get; } = new("SITE_KUBECONFIG", PipelineSettingKind.Secret,
        "A kubeconfig of the site's cluster for the environment's deploy service account (the site issues it; kept as a GitHub environment secret, used only by jobs on the site's runners; rotate it like any credential).");
}
