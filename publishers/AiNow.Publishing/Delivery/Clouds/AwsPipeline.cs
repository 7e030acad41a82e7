using AiNow.Publishing.Delivery.Workflows;
using AiNow.Publishing.Delivery.Workflows.Model;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Delivery.Clouds;

/// <summary>AWS: the run's OIDC token is exchanged for a role's short-lived credentials; ECR takes them.</summary>
internal sealed class AwsPipeline(DeploymentModel model) : CloudPipeline(model)
{
    /// <inheritdoc />
    public override bool RegistryLoginUsesOidc => true;

    /// <inheritdoc />
    public override bool DeployLoginUsesOidc => true;

    /// <inheritdoc />
    public override IReadOnlyList<Step> RegistryLogin(ReleaseRegistry registry) =>
    [
        AssumeRole(Naming.ReleaseIdentityName, registry.Account, registry.Region),
        new()
        {
            Name = PinnedActions.EcrLogin.Describe($"Log docker in to {registry.Prefix}"),
            Uses = PinnedActions.EcrLogin.Uses,
            With = SortedMap.Of(("registries", registry.Account)),
        },
    ];

    /// <inheritdoc />
    public override IReadOnlyList<Step> DeployLogin(EnvironmentPlan environment, CloudTarget target) =>
        [AssumeRole(Naming.DeployIdentityName(environment.Name), target.Account.AccountId, target.Region)];

    /// <inheritdoc />
    public override IEnumerable<string> Prerequisites(IEnumerable<EnvironmentPlan> environments) =>
        Model.Environments.SelectMany(e => e.Targets).Where(t => t.Cloud == Cloud.Aws).Select(t => t.Account.AccountId).Distinct(StringComparer.Ordinal).Select(account =>
            $"AWS account {account}: its account root (`terraform/accounts/aws-*`, module `ci-identity`) creates the IAM OIDC provider for `{GitHubOidc.Issuer}`, the role `{Naming.ReleaseIdentityName}` (trusted only for `{GitHubOidc.Subject(Model.SourceRepository ?? "<owner>/<repo>", InfrastructureNaming.ReleaseEnvironment)}`, push to the application's ECR repositories only) and per environment `{Naming.DeployIdentityName("<environment>")}` (trusted only for `{GitHubOidc.Subject(Model.SourceRepository ?? "<owner>/<repo>", "<environment>")}`). The deploy roles' rights are the account owner's choice, given as `deploy_policy_arns` when that root is applied.");

    private static Step AssumeRole(string role, string accountId, string region) => new()
    {
        Name = PinnedActions.AwsCredentials.Describe($"Assume {role} in AWS account {accountId} through OIDC"),
        Uses = PinnedActions.AwsCredentials.Uses,
        With = SortedMap.Of(
            ("aws-region", region),
            ("role-to-assume", InfrastructureNaming.PipelineRoleArn(accountId, role)),
            // A deploy waits for Terraform and a rollout's analysis: longer than the default hour.
            ("role-duration-seconds", "7200"),
            ("allowed-account-ids", accountId)),
    };
}
