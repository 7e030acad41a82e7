using AiNow.Publishing.Delivery.Workflows;
using AiNow.Publishing.Delivery.Workflows.Model;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Delivery.Clouds;

/// <summary>
/// A deploy on a Vault-backed target (DigitalOcean, a site) writes the environment's entries to Vault:
/// it logs in with the run's OIDC token (Vault's JWT auth) and gets a short-lived token, so no Vault
/// token is kept in GitHub.
/// </summary>
internal static class VaultLogin
{
    /// <summary>
    /// The <c>aud</c> claim the run's token is requested with. vault-action otherwise asks for
    /// <c>https://github.com/&lt;owner&gt;</c>, which a role bound to its own audience rejects; one fixed
    /// audience also keeps a token minted for a cloud from being accepted by Vault.
    /// </summary>
    public const string Audience = "vault";

    /// <summary>The login steps; the token is exported as <c>VAULT_TOKEN</c> for Terraform's Vault provider.</summary>
    public static IReadOnlyList<Step> Steps(InfrastructureNaming naming, EnvironmentPlan environment, CloudTarget target)
    {
        var address = target.Account.SecretStoreAddress
            ?? throw new InvalidOperationException($"The {target.Key} account names no Vault address, but its secrets live in Vault. Set its VaultAddress in the settings.");
        List<Step> steps = [];
        if (target.Account.SecretStoreCaBundle is { } bundle)
        {
            // A private CA issued Vault's certificate: Terraform and the login must trust it (a public certificate, not a secret).
            steps.Add(new()
            {
                Name = "Trust the Vault certificate's private CA",
                Env = SortedMap.Of(("VAULT_CA_BUNDLE", bundle)),
                Run = """
                    printf '%s\n' "$VAULT_CA_BUNDLE" > "$RUNNER_TEMP/vault-ca.pem"
                    echo "VAULT_CACERT=$RUNNER_TEMP/vault-ca.pem" >> "$GITHUB_ENV"
                    """,
            });
        }

        steps.Add(new()
        {
            Name = PinnedActions.Vault.Describe($"Log in to Vault as {naming.VaultDeployRole(environment.Name, target.Key)} through OIDC"),
            Uses = PinnedActions.Vault.Uses,
            With = SortedMap.Of(
                [
                    ("exportToken", "true"),
                    ("jwtGithubAudience", Audience),
                    ("method", "jwt"),
                    ("path", InfrastructureNaming.VaultPipelineAuthMount),
                    ("role", naming.VaultDeployRole(environment.Name, target.Key)),
                    ("url", address),
                    .. target.Account.SecretStoreCaBundle is { } pem ? [("caCertificate", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(pem)))] : Array.Empty<(string, string)>(),
                ]),
        });
        return steps;
    }

    /// <summary>What Vault must have before a deploy can log in.</summary>
    public static string Prerequisite(InfrastructureNaming naming, string? repository, string cloud) =>
        $"Vault: a JWT auth mount `{InfrastructureNaming.VaultPipelineAuthMount}` with `oidc_discovery_url=https://token.actions.githubusercontent.com`, `bound_issuer` the same, and per environment a role `{naming.VaultDeployRole("<environment>", cloud)}` (`role_type=jwt`, `bound_audiences={Audience}`, `bound_claims={{repository={repository ?? "<owner>/<repo>"}, environment=<environment>}}`, `user_claim=sub`, a policy writing only that environment's mount `{naming.VaultSecretsMount("<environment>", cloud)}` and its Kubernetes auth mount, `token_ttl=2h`).";
}
