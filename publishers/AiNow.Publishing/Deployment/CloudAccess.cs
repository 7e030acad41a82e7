using System.Collections.Immutable;
using System.Text.RegularExpressions;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;

namespace AiNow.Publishing.Deployment;

/// <summary>A variable the deploy needs from the caller's environment: any one of <paramref name="AnyOf"/>. Only its presence is checked, never its value.</summary>
/// <param name="AnyOf">The accepted names; one set is enough.</param>
/// <param name="Why">Who reads it.</param>
internal sealed record RequiredVariable(ImmutableArray<string> AnyOf, string Why)
{
    /// <summary>The names as they are listed (<c>A or B</c>).</summary>
    public string Names => string.Join(" or ", AnyOf);
}

/// <summary>
/// How the deploy reaches each cloud: the command that proves the caller's credentials work, the
/// command that writes the cluster's kubeconfig (credential plugins only: no token is stored), and the
/// variables Terraform and its state backend read. Credentials always come from the caller's
/// environment (CI's OIDC login or a person's profile), never from a file the deploy writes.
/// </summary>
internal static partial class CloudAccess
{
    /// <summary>The command proving the caller is logged in to <paramref name="cloud"/>, or null where the kubeconfig is the only credential (a site).</summary>
    public static DeployCommand? CredentialCheck(Cloud cloud) => cloud switch
    {
        Cloud.Aws => DeployCommand.Of("aws", "sts", "get-caller-identity", "--query", "Arn", "--output", "text"),
        // gcloud lists accounts and exits 0 even when none is active: the output must name one.
        Cloud.Gcp => DeployCommand.Of("gcloud", "auth", "list", "--filter=status:ACTIVE", "--format=value(account)") with { ExpectedOutput = AnyText() },
        Cloud.DigitalOcean => DeployCommand.Of("doctl", "account", "get", "--format", "Email", "--no-header"),
        _ => null,
    };

    /// <summary>What to do when <see cref="CredentialCheck"/> fails.</summary>
    public static string CredentialFix(Cloud cloud) => cloud switch
    {
        Cloud.Aws => "Log in to AWS (CI: aws-actions/configure-aws-credentials with the deploy role; a person: aws sso login or AWS_PROFILE) and run again.",
        Cloud.Gcp => "Log in to Google Cloud (CI: google-github-actions/auth with workload identity federation; a person: gcloud auth login and gcloud auth application-default login) and run again.",
        Cloud.DigitalOcean => "Set DIGITALOCEAN_ACCESS_TOKEN (or run doctl auth init) and run again.",
        _ => $"Pass the site's kubeconfig with --{DeployCommandLine.KubeconfigSetting} <file>.",
    };

    /// <summary>
    /// The command writing the kubeconfig of <paramref name="environment"/>'s cluster on
    /// <paramref name="target"/> into <paramref name="kubeconfig"/>; on a site, the check that the given
    /// kubeconfig names a context.
    /// </summary>
    public static DeployCommand Kubeconfig(DeploymentModel model, EnvironmentPlan environment, CloudTarget target, string kubeconfig)
    {
        var cluster = model.Naming.ClusterName(environment.Name);
        return target.Cloud switch
        {
            Cloud.Aws => DeployCommand.Of("aws", "eks", "update-kubeconfig", "--name", cluster, "--region", target.Region, "--kubeconfig", kubeconfig),
            // gcloud and doctl write to $KUBECONFIG; their entries call a credential plugin on each use.
            Cloud.Gcp => DeployCommand.Of("gcloud", "container", "clusters", "get-credentials", cluster, "--region", target.Region, "--project", target.Account.AccountId)
                .With("KUBECONFIG", kubeconfig) with { AlsoNeeds = ["gke-gcloud-auth-plugin"] },
            Cloud.DigitalOcean => DeployCommand.Of("doctl", "kubernetes", "cluster", "kubeconfig", "save", cluster).With("KUBECONFIG", kubeconfig),
            _ => SiteKubeconfigCheck(kubeconfig),
        };
    }

    /// <summary>The check that a site's kubeconfig (the only credential there) names a current context.</summary>
    public static DeployCommand SiteKubeconfigCheck(string kubeconfig) =>
        DeployCommand.Of("kubectl", "config", "current-context").With("KUBECONFIG", kubeconfig);

    /// <summary>The variables Terraform needs on <paramref name="profile"/>'s cloud besides what the CLI logins provide.</summary>
    public static IEnumerable<RequiredVariable> Variables(CloudProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Cloud == Cloud.DigitalOcean)
        {
            yield return new(["DIGITALOCEAN_TOKEN", "DIGITALOCEAN_ACCESS_TOKEN"], "the DigitalOcean provider");
            yield return new(["SPACES_ACCESS_KEY_ID"], "the DigitalOcean provider's Spaces buckets");
            yield return new(["SPACES_SECRET_ACCESS_KEY"], "the DigitalOcean provider's Spaces buckets");
        }

        if (profile.SecretBackend == SecretBackend.Vault)
        {
            yield return new(["VAULT_TOKEN"], $"the Vault provider ({profile.Key}'s secret entries)");
        }
    }

    [GeneratedRegex(@"^\S[\s\S]*$")]
    private static partial Regex AnyText();
}
