using AiNow.Publishing.Delivery.Workflows;
using AiNow.Publishing.Delivery.Workflows.Model;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Delivery.Clouds;

/// <summary>Google Cloud: Workload Identity Federation exchanges the run's OIDC token for a service account's token.</summary>
internal sealed class GcpPipeline(DeploymentModel model) : CloudPipeline(model)
{
    /// <inheritdoc />
    public override bool RegistryLoginUsesOidc => true;

    /// <inheritdoc />
    public override bool DeployLoginUsesOidc => true;

    /// <inheritdoc />
    public override IReadOnlyList<PipelineSetting> ReleaseSettings => [PipelineSetting.GcpProjectNumber];

    /// <inheritdoc />
    public override IReadOnlyList<PipelineSetting> DeploySettings => [PipelineSetting.GcpProjectNumber];

    /// <inheritdoc />
    public override IReadOnlyList<Step> RegistryLogin(ReleaseRegistry registry)
    {
        var id = StepId("gcp", registry.Region);
        return
        [
            Authenticate(id, Naming.ReleaseIdentityName, registry.Account, accessToken: true),
            DockerLogin(registry.Prefix.Split('/')[0], "oauth2accesstoken", $"${{{{ steps.{id}.outputs.access_token }}}}"),
        ];
    }

    /// <inheritdoc />
    public override IReadOnlyList<Step> DeployLogin(EnvironmentPlan environment, CloudTarget target) =>
    [
        Authenticate(StepId("gcp", target.Region), Naming.DeployIdentityName(environment.Name), target.Account.AccountId, accessToken: false),
        new()
        {
            Name = PinnedActions.SetupGcloud.Describe("Install gcloud with the GKE credential plugin"),
            Uses = PinnedActions.SetupGcloud.Uses,
            With = SortedMap.Of(("install_components", "gke-gcloud-auth-plugin"), ("project_id", target.Account.AccountId)),
        },
    ];

    /// <inheritdoc />
    public override IEnumerable<string> Prerequisites(IEnumerable<EnvironmentPlan> environments) =>
        Model.Environments.SelectMany(e => e.Targets).Where(t => t.Cloud == Cloud.Gcp).Select(t => t.Account.AccountId).Distinct(StringComparer.Ordinal).Select(project =>
            $"Google Cloud project {project}: its account root (`terraform/accounts/gcp-*`, module `ci-identity`) creates the workload identity pool `{Naming.PipelineIdentityPool}` with provider `{InfrastructureNaming.PipelineIdentityProvider}` for `{GitHubOidc.Issuer}` (admitting only `{Model.SourceRepository ?? "<owner>/<repo>"}`), the service account `{Naming.ReleaseIdentityName}` (Artifact Registry writer on the application's repository, impersonable only by `{GitHubOidc.Subject(Model.SourceRepository ?? "<owner>/<repo>", InfrastructureNaming.ReleaseEnvironment)}`) and per environment `{Naming.DeployIdentityName("<environment>")}` (only by `{GitHubOidc.Subject(Model.SourceRepository ?? "<owner>/<repo>", "<environment>")}`). The deploy accounts' roles are the project owner's choice, given as `deploy_roles` when that root is applied. Set the variable `{PipelineSetting.GcpProjectNumber.Name}` from the project's number.");

    private Step Authenticate(string id, string identity, string projectId, bool accessToken) => new()
    {
        Name = PinnedActions.GoogleAuth.Describe($"Authenticate to Google Cloud as {identity} through workload identity federation"),
        Id = id,
        Uses = PinnedActions.GoogleAuth.Uses,
        With = SortedMap.Of(
            [
                ("service_account", InfrastructureNaming.PipelineServiceAccountEmail(projectId, identity)),
                ("workload_identity_provider", $"projects/{PipelineSetting.GcpProjectNumber.Reference}/locations/global/workloadIdentityPools/{Naming.PipelineIdentityPool}/providers/{InfrastructureNaming.PipelineIdentityProvider}"),
                .. accessToken ? [("token_format", "access_token")] : Array.Empty<(string, string)>(),
            ]),
    };
}
