using AiNow.Publishing.Model;
using AiNow.Publishing.Terraform.Hcl;

namespace AiNow.Publishing.Terraform;

/// <summary>
/// Where a root keeps its state, always remote, locked and encrypted: S3 with its native lock file on
/// AWS, GCS on Google Cloud (locks built in), Spaces through the S3 backend on DigitalOcean, and a
/// Kubernetes Secret with a Lease lock on-premises. The root names only the backend type; the
/// settings go in its <c>backend.hcl</c> (<c>terraform init -backend-config=backend.hcl</c>), so an
/// operator can point any root elsewhere without editing it. Credentials always come from the
/// environment (AWS_*, GOOGLE_*, Spaces keys as AWS_*, KUBE_CONFIG_PATH), never from a file.
/// </summary>
/// <param name="Type">The backend type (<c>s3</c>, <c>gcs</c>, <c>kubernetes</c>).</param>
/// <param name="Settings">The backend's settings, in the order they are written.</param>
internal sealed record StateBackend(string Type, IReadOnlyList<KeyValuePair<string, HclExpression>> Settings)
{
    /// <summary>The namespace holding on-premises state Secrets (created before the first init).</summary>
    public const string OnPremStateNamespace = "terraform-state";

    /// <summary>The AWS CLI profile holding the Spaces access key (<c>~/.aws/credentials</c>).</summary>
    public const string SpacesProfile = "digitalocean-spaces";

    /// <summary>The state of root <paramref name="key"/> (<c>production/aws/1-foundation</c>) on <paramref name="target"/>'s cloud.</summary>
    public static StateBackend For(InfrastructureNaming naming, CloudTarget target, string key) => target.Cloud switch
    {
        Cloud.Aws => S3(naming.StateBucketName(target.Account.AccountId, target.Region), target.Region, target.Account.AccountId, key),
        Cloud.Gcp => new("gcs", [new("bucket", naming.StateBucketName(target.Account.AccountId, target.Region)), new("prefix", key)]),
        Cloud.DigitalOcean => Spaces(naming.StateBucketName(target.Account.AccountId, target.Region), target.Region, key),
        Cloud.OnPrem => new("kubernetes", [new("secret_suffix", key.Replace('/', '-')), new("namespace", OnPremStateNamespace)]),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target.Cloud, "No state backend for this cloud."),
    };

    /// <summary>The state of <paramref name="stage"/> of <paramref name="environment"/> on <paramref name="target"/>: where the stage writes it and later stages read it.</summary>
    public static StateBackend ForStage(InfrastructureNaming naming, EnvironmentPlan environment, CloudTarget target, TerraformStage stage) =>
        For(naming, target, TerraformLayout.StateKey(TerraformLayout.Root(environment, target, stage)));

    /// <summary>The bucket this backend writes to, or null when the state is not kept in a bucket.</summary>
    public string? Bucket => Settings.FirstOrDefault(s => s.Key == "bucket").Value is HclString bucket ? bucket.Value : null;

    /// <summary>The settings as an object, for a <c>terraform_remote_state</c> data source reading this state.</summary>
    public HclObject AsObject() => new(Settings);

    // The key is named so the backend asks for SSE-KMS like the bucket's default; "encrypt" alone would ask for SSE-S3.
    private static StateBackend S3(string bucket, string region, string accountId, string key) => new("s3",
    [
        new("bucket", bucket),
        new("key", key + ".tfstate"),
        new("region", region),
        new("encrypt", true),
        new("kms_key_id", $"arn:aws:kms:{region}:{accountId}:alias/aws/s3"),
        new("use_lockfile", true),
    ]);

    // Spaces speaks the S3 API but is not AWS: the backend must skip every AWS-only check.
    private static StateBackend Spaces(string bucket, string region, string key) => new("s3",
    [
        new("bucket", bucket),
        new("key", key + ".tfstate"),
        new("region", "us-east-1"),
        new("endpoints", new HclObject([new("s3", $"https://{region}.digitaloceanspaces.com")])),
        new("use_lockfile", true),
        new("skip_credentials_validation", true),
        new("skip_metadata_api_check", true),
        new("skip_region_validation", true),
        new("skip_requesting_account_id", true),
        new("skip_s3_checksum", true),
        // Spaces keys live in their own profile, so the AWS credentials of the same shell keep reading AWS state.
        new("profile", SpacesProfile),
    ]);
}
