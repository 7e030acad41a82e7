using AiNow.Publishing.Delivery.Workflows;
using AiNow.Publishing.Delivery.Workflows.Model;
using AiNow.Publishing.Model;
using AiNow.Publishing.Terraform;

namespace AiNow.Publishing.Delivery.Clouds;

/// <summary>
/// DigitalOcean has no OIDC federation: its API token is the one long-lived cloud credential, kept as a
/// secret of each GitHub environment that needs it. Its secrets live in Vault, reached through OIDC.
/// </summary>
internal sealed class DigitalOceanPipeline(DeploymentModel model) : CloudPipeline(model)
{
    /// <inheritdoc />
    public override bool RegistryLoginUsesOidc => false;

    /// <inheritdoc />
    public override bool DeployLoginUsesOidc => true;

    /// <inheritdoc />
    public override IReadOnlyList<PipelineSetting> ReleaseSettings => [PipelineSetting.DigitalOceanToken];

    /// <inheritdoc />
    public override IReadOnlyList<PipelineSetting> DeploySettings => [PipelineSetting.DigitalOceanToken, PipelineSetting.SpacesAccessKeyId, PipelineSetting.SpacesSecretAccessKey];

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DeployVariables => SortedMap.Of(
        (PipelineSetting.DigitalOceanToken.Name, PipelineSetting.DigitalOceanToken.Reference),
        (PipelineSetting.SpacesAccessKeyId.Name, PipelineSetting.SpacesAccessKeyId.Reference),
        (PipelineSetting.SpacesSecretAccessKey.Name, PipelineSetting.SpacesSecretAccessKey.Reference));

    /// <inheritdoc />
    public override IReadOnlyList<Step> RegistryLogin(ReleaseRegistry registry) =>
        // DOCR takes the API token as both user name and password.
        [DockerLogin(registry.Prefix.Split('/')[0], PipelineSetting.DigitalOceanToken.Reference, PipelineSetting.DigitalOceanToken.Reference)];

    /// <inheritdoc />
    public override IReadOnlyList<Step> DeployLogin(EnvironmentPlan environment, CloudTarget target) =>
    [
        .. GlobalLogin(environment, target),
        .. VaultLogin.Steps(Naming, environment, target),
    ];

    /// <inheritdoc />
    /// <remarks>The global DNS writes no secret entry, so it gets the token and the state keys but no Vault token.</remarks>
    public override IReadOnlyList<Step> GlobalLogin(EnvironmentPlan environment, CloudTarget target) =>
    [
        new()
        {
            Name = PinnedActions.Doctl.Describe("Install doctl"),
            Uses = PinnedActions.Doctl.Uses,
            With = SortedMap.Of(("token", PipelineSetting.DigitalOceanToken.Reference)),
        },
        new()
        {
            // The S3-compatible state backend reads Spaces keys from their own profile, so AWS credentials stay in force for AWS state.
            Name = "Put the Spaces keys in the state backend's profile",
            Env = SortedMap.Of(
                (PipelineSetting.SpacesAccessKeyId.Name, PipelineSetting.SpacesAccessKeyId.Reference),
                (PipelineSetting.SpacesSecretAccessKey.Name, PipelineSetting.SpacesSecretAccessKey.Reference)),
            Run = $"""
                aws configure set aws_access_key_id "$SPACES_ACCESS_KEY_ID" --profile {StateBackend.SpacesProfile}
                aws configure set aws_secret_access_key "$SPACES_SECRET_ACCESS_KEY" --profile {StateBackend.SpacesProfile}
                """,
        },
    ];

    /// <inheritdoc />
    public override IEnumerable<string> Prerequisites(IEnumerable<EnvironmentPlan> environments) =>
        [VaultLogin.Prerequisite(Naming, Model.SourceRepository, AiNow.Publishing.Model.Clouds.CloudProfile.KeyOf(Cloud.DigitalOcean))];
}
