namespace AiNow.Publishing.Delivery.Workflows;

/// <summary>
/// A third-party action pinned to the full commit of a release tag: a tag can be moved to other code,
/// a commit cannot. The tag is kept for people (in the step's name) and for upgrades.
/// </summary>
/// <param name="Repository">The action's repository (<c>actions/checkout</c>).</param>
/// <param name="Tag">The release tag the commit was taken from.</param>
/// <param name="Commit">The tag's commit, 40 hex digits.</param>
public sealed record PinnedAction(string Repository, string Tag, string Commit)
{
    /// <summary>What a step's <c>uses:</c> says.</summary>
    public string Uses => $"{Repository}@{Commit}";

    /// <summary>A step name that says which action and release it runs.</summary>
    public string Describe(string what) => $"{what} ({Repository} {Tag})";
}

/// <summary>Every action the workflows use, each at one pinned release.</summary>
public static class PinnedActions
{
    /// <summary>Checks out the repository.</summary>
    public static PinnedAction Checkout { get; } = new("actions/checkout", "v6.0.3", "df4cb1c069e1874edd31b4311f1884172cec0e10");

    /// <summary>Installs the .NET SDK that <c>global.json</c> names.</summary>
    public static PinnedAction SetupDotnet { get; } = new("actions/setup-dotnet", "v6.0.0", "a98b56852c35b8e3190ac28c8c2271da59106c68");

    /// <summary>Uploads an artifact of the run.</summary>
    public static PinnedAction UploadArtifact { get; } = new("actions/upload-artifact", "v7.0.0", "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f");

    /// <summary>Downloads an artifact of this or another run.</summary>
    public static PinnedAction DownloadArtifact { get; } = new("actions/download-artifact", "v8.0.1", "3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c");

    /// <summary>Exchanges the run's OIDC token for short-lived AWS credentials of a role.</summary>
    public static PinnedAction AwsCredentials { get; } = new("aws-actions/configure-aws-credentials", "v6.2.3", "e6de054238d6b7531b4efff3b6587d9aade6a06c");

    /// <summary>Logs docker in to ECR with the AWS credentials in force.</summary>
    public static PinnedAction EcrLogin { get; } = new("aws-actions/amazon-ecr-login", "v2.1.7", "03f1aad4c6c7ffd436567f42f9384779290529bd");

    /// <summary>Exchanges the run's OIDC token for Google credentials through Workload Identity Federation.</summary>
    public static PinnedAction GoogleAuth { get; } = new("google-github-actions/auth", "v3.0.0", "7c6bc770dae815cd3e89ee6cdf493a5fab2cc093");

    /// <summary>Installs gcloud and the GKE credential plugin.</summary>
    public static PinnedAction SetupGcloud { get; } = new("google-github-actions/setup-gcloud", "v3.0.1", "aa5489c8933f4cc7a4f7d45035b3b1440c9c10db");

    /// <summary>Installs doctl, logged in with a token.</summary>
    public static PinnedAction Doctl { get; } = new("digitalocean/action-doctl", "v2.5.1", "135ac0aa0eed4437d547c6f12c364d3006b42824");

    /// <summary>Logs in to Vault with the run's OIDC token (JWT auth) and exports a short-lived token.</summary>
    public static PinnedAction Vault { get; } = new("hashicorp/vault-action", "v3.4.0", "4c06c5ccf5c0761b6029f56cfb1dcf5565918a3b");

    /// <summary>Installs the Terraform CLI.</summary>
    public static PinnedAction SetupTerraform { get; } = new("hashicorp/setup-terraform", "v4.0.1", "dfe3c3f87815947d99a8997f908cb6525fc44e9e");

    /// <summary>Sets up a BuildKit builder (attestations need it).</summary>
    public static PinnedAction SetupBuildx { get; } = new("docker/setup-buildx-action", "v4.3.0", "37fe631027851001ddb9b187196cc803df7f5f0e");

    /// <summary>Logs docker in to a registry.</summary>
    public static PinnedAction DockerLogin { get; } = new("docker/login-action", "v4.1.0", "4907a6ddec9925e35a0a9e82d7399ccc52663121");

    /// <summary>Builds and pushes an image with SBOM and provenance attestations.</summary>
    public static PinnedAction BuildPush { get; } = new("docker/build-push-action", "v7.3.0", "53b7df96c91f9c12dcc8a07bcb9ccacbed38856a");

    /// <summary>Installs cosign (keyless signing through the run's OIDC identity).</summary>
    public static PinnedAction CosignInstaller { get; } = new("sigstore/cosign-installer", "v4.1.2", "6f9f17788090df1f26f669e9d70d6ae9567deba6");

    /// <summary>The cosign release the installer installs (its own default): the signing flags are this release's.</summary>
    public const string CosignRelease = "v3.0.6";

    /// <summary>Records a signed build-provenance attestation in GitHub and pushes it to the registry.</summary>
    public static PinnedAction AttestBuildProvenance { get; } = new("actions/attest-build-provenance", "v4.1.0", "a2bbfa25375fe432b6a289bc6b6cd05ecd0c4c32");

    /// <summary>Trivy: vulnerability, secret and misconfiguration (Terraform, Kubernetes, Dockerfile) scanner.</summary>
    public static PinnedAction Trivy { get; } = new("aquasecurity/trivy-action", "v0.36.0", "ed142fd0673e97e23eac54620cfb913e5ce36c25");
}
