using AiNow.Publishing.Delivery.Workflows.Model;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Delivery.Clouds;

/// <summary>
/// Everything the workflows do differently per cloud, in one home per cloud: where its jobs run, how
/// a release logs in to push to its registry, how a deploy gets its credentials, and which GitHub
/// secrets and variables that takes. Logins use the run's OIDC token wherever the cloud federates it;
/// no long-lived key of AWS or Google Cloud exists anywhere.
/// </summary>
/// <param name="model">The deployment model.</param>
internal abstract class CloudPipeline(DeploymentModel model)
{
    /// <summary>GitHub's hosted runner every cloud job runs on.</summary>
    public const string HostedRunner = "ubuntu-24.04";

    protected DeploymentModel Model => model;

    protected InfrastructureNaming Naming => model.Naming;

    /// <summary>Where jobs that reach this cloud's registry and clusters run.</summary>
    public virtual object RunsOn => HostedRunner;

    /// <summary>False for a registry only the site's own runners reach.</summary>
    public virtual bool RegistryReachableFromHostedRunners => true;

    /// <summary>True when <see cref="RegistryLogin"/> exchanges the run's OIDC token.</summary>
    public abstract bool RegistryLoginUsesOidc { get; }

    /// <summary>True when <see cref="DeployLogin"/> exchanges the run's OIDC token.</summary>
    public abstract bool DeployLoginUsesOidc { get; }

    /// <summary>Steps that log docker in to <paramref name="registry"/> with the right to push the application's repositories.</summary>
    public abstract IReadOnlyList<Step> RegistryLogin(ReleaseRegistry registry);

    /// <summary>Steps that give a deploy of <paramref name="environment"/> credentials on <paramref name="target"/>'s cloud (for its own target, or to read the primary's state).</summary>
    public abstract IReadOnlyList<Step> DeployLogin(EnvironmentPlan environment, CloudTarget target);

    /// <summary>
    /// Steps that give the environment's global DNS job what it needs on <paramref name="target"/>'s
    /// cloud: the same credentials a deploy gets, without what only a target's own stages use (Vault).
    /// </summary>
    public virtual IReadOnlyList<Step> GlobalLogin(EnvironmentPlan environment, CloudTarget target) => DeployLogin(environment, target);

    /// <summary>Terraform inputs the deploy command sets itself on this cloud from its own arguments, so no variable carries them.</summary>
    public virtual IReadOnlyList<string> InputsTheDeployGives => [];

    /// <summary>Variables the deploy command needs on this cloud (secrets by reference only).</summary>
    public virtual IReadOnlyDictionary<string, string> DeployVariables => new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Arguments the deploy command needs beyond environment, target and release.</summary>
    public virtual IReadOnlyList<string> DeployArguments => [];

    /// <summary>Secrets and variables the release environment must hold for this cloud.</summary>
    public virtual IReadOnlyList<PipelineSetting> ReleaseSettings => [];

    /// <summary>Secrets and variables each deploy environment must hold for this cloud.</summary>
    public virtual IReadOnlyList<PipelineSetting> DeploySettings => [];

    /// <summary>What must exist on this cloud before the workflows can log in, for the delivery README.</summary>
    public abstract IEnumerable<string> Prerequisites(IEnumerable<EnvironmentPlan> environments);

    /// <summary>The pipeline of <paramref name="cloud"/>.</summary>
    public static CloudPipeline For(Cloud cloud, DeploymentModel model) => cloud switch
    {
        Cloud.Aws => new AwsPipeline(model),
        Cloud.Gcp => new GcpPipeline(model),
        Cloud.DigitalOcean => new DigitalOceanPipeline(model),
        Cloud.OnPrem => new SitePipeline(model),
        _ => throw new ArgumentOutOfRangeException(nameof(cloud), cloud, "No pipeline for this cloud."),
    };

    /// <summary>A <c>docker login</c> step.</summary>
    protected static Step DockerLogin(string registry, string username, string password) => new()
    {
        Name = Workflows.PinnedActions.DockerLogin.Describe($"Log docker in to {registry}"),
        Uses = Workflows.PinnedActions.DockerLogin.Uses,
        With = Workflows.SortedMap.Of(("registry", registry), ("username", username), ("password", password)),
    };

    /// <summary>A step id made of letters, digits and dashes.</summary>
    protected static string StepId(params string[] parts) => string.Join('-', parts.Select(p => new string(p.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray())));
}
