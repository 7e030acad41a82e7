using AiNow.Publishing.Delivery.Workflows;
using AiNow.Publishing.Delivery.Workflows.Model;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Delivery.Clouds;

/// <summary>
/// A site (on-premises Kubernetes): its registry, cluster and Vault answer only inside its network, so
/// its jobs run on the site's self-hosted runners. Images reach its registry by digest from a cloud
/// registry; a deploy uses a kubeconfig the site issues.
/// </summary>
internal sealed class SitePipeline(DeploymentModel model) : CloudPipeline(model)
{
    /// <summary>Labels every site runner carries.</summary>
    public static IReadOnlyList<string> RunnerLabels { get; } = ["self-hosted", "linux", "x64"];

    /// <inheritdoc />
    public override object RunsOn => new RunnerGroup(Naming.SiteRunnerGroup, RunnerLabels);

    /// <inheritdoc />
    public override bool RegistryReachableFromHostedRunners => false;

    /// <inheritdoc />
    public override bool RegistryLoginUsesOidc => false;

    /// <inheritdoc />
    public override bool DeployLoginUsesOidc => true;

    /// <inheritdoc />
    public override IReadOnlyList<PipelineSetting> ReleaseSettings => [PipelineSetting.SiteRegistryUsername, PipelineSetting.SiteRegistryPassword];

    /// <inheritdoc />
    public override IReadOnlyList<PipelineSetting> DeploySettings => [PipelineSetting.SiteKubeconfig];

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DeployVariables => SortedMap.Of(("KUBE_CONFIG_PATH", KubeconfigPath));

    /// <inheritdoc />
    public override IReadOnlyList<string> DeployArguments => [$"--{Deployment.DeployCommandLine.KubeconfigSetting}", KubeconfigPath];

    /// <inheritdoc />
    /// <remarks>The deploy passes its <c>--Deploy:Kubeconfig</c> file to the stages as <c>kubeconfig_path</c>.</remarks>
    public override IReadOnlyList<string> InputsTheDeployGives => ["kubeconfig_path"];

    /// <summary>Where the deploy job writes the site's kubeconfig (the runner's temp folder, emptied after each job).</summary>
    private static string KubeconfigPath => "${{ runner.temp }}/kubeconfig";

    /// <inheritdoc />
    public override IReadOnlyList<Step> RegistryLogin(ReleaseRegistry registry) =>
        [DockerLogin(registry.Prefix.Split('/')[0], PipelineSetting.SiteRegistryUsername.Reference, PipelineSetting.SiteRegistryPassword.Reference)];

    /// <inheritdoc />
    public override IReadOnlyList<Step> DeployLogin(EnvironmentPlan environment, CloudTarget target) =>
    [
        new()
        {
            Name = "Write the site's kubeconfig",
            Env = SortedMap.Of((PipelineSetting.SiteKubeconfig.Name, PipelineSetting.SiteKubeconfig.Reference)),
            Run = """
                umask 077
                printf '%s\n' "$SITE_KUBECONFIG" > "$RUNNER_TEMP/kubeconfig"
                """,
        },
        .. VaultLogin.Steps(Naming, environment, target),
    ];

    /// <inheritdoc />
    public override IEnumerable<string> Prerequisites(IEnumerable<EnvironmentPlan> environments) =>
    [
        $"Site: self-hosted runners inside the site's network in the runner group `{Naming.SiteRunnerGroup}` (labels {string.Join(", ", RunnerLabels.Select(l => $"`{l}`"))}), with docker (buildx), `kubectl`, `gh`, `jq`, the .NET SDK's prerequisites and outbound HTTPS to GitHub, nuget.org (the deploy builds the AppHost before any login), the Terraform registry and the cloud registries; the group admits only this repository.",
        VaultLogin.Prerequisite(Naming, Model.SourceRepository, AiNow.Publishing.Model.Clouds.CloudProfile.KeyOf(Cloud.OnPrem)),
    ];
}
