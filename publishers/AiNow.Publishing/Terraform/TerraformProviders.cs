namespace AiNow.Publishing.Terraform;

/// <summary>A Terraform provider as roots pin it.</summary>
/// <param name="Name">The local name (<c>aws</c>).</param>
/// <param name="Source">The registry source (<c>hashicorp/aws</c>).</param>
/// <param name="Version">The exact version the modules were checked against.</param>
internal sealed record TerraformProvider(string Name, string Source, string Version);

/// <summary>
/// The Terraform and provider versions every root pins: one home, the versions whose argument
/// schemas the output is checked against (the provider packages in the validation lockfile).
/// Modules name only each provider's source; roots pin the version.
/// </summary>
internal static class TerraformProviders
{
    /// <summary>The Terraform CLI range: 1.11 for S3 native state locking (<c>use_lockfile</c>) and <c>ephemeral</c> values.</summary>
    public const string RequiredVersion = "~> 1.11";

    public static TerraformProvider Aws { get; } = new("aws", "hashicorp/aws", "6.25.0");

    public static TerraformProvider Google { get; } = new("google", "hashicorp/google", "6.50.0");

    public static TerraformProvider DigitalOcean { get; } = new("digitalocean", "digitalocean/digitalocean", "2.71.0");

    public static TerraformProvider Helm { get; } = new("helm", "hashicorp/helm", "3.1.1");

    public static TerraformProvider Kubernetes { get; } = new("kubernetes", "hashicorp/kubernetes", "2.38.0");

    public static TerraformProvider Random { get; } = new("random", "hashicorp/random", "3.7.2");

    public static TerraformProvider Tls { get; } = new("tls", "hashicorp/tls", "4.1.0");

    public static TerraformProvider Vault { get; } = new("vault", "hashicorp/vault", "5.6.0");

    /// <summary>Every pinned provider, by local name.</summary>
    public static IReadOnlyList<TerraformProvider> All { get; } = [Aws, DigitalOcean, Google, Helm, Kubernetes, Random, Tls, Vault];
}
