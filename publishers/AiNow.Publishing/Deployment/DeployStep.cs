using System.Collections.Immutable;

namespace AiNow.Publishing.Deployment;

/// <summary>What a step of the deploy does to the world, so its failure is handled the right way.</summary>
internal enum DeployStepKind
{
    /// <summary>Checks that the caller's cloud credentials work.</summary>
    Credentials,

    /// <summary>Plans and applies one Terraform root.</summary>
    Terraform,

    /// <summary>Writes the cluster's kubeconfig (or checks the one given).</summary>
    Kubeconfig,

    /// <summary>Renders or applies Kubernetes objects, or waits for what they start.</summary>
    Kubernetes,

    /// <summary>Waits for the new release to take over (Rollouts promoted and healthy, Deployments rolled).</summary>
    Rollout,

    /// <summary>Calls the public host as a client would.</summary>
    SmokeTest,
}

/// <summary>What is done when a step fails, before the deploy stops.</summary>
/// <param name="Restores">What the commands restore, said plainly for the log.</param>
/// <param name="Commands">The commands, run in order; each is tried even when one before it fails.</param>
internal sealed record Rollback(string Restores, ImmutableArray<DeployCommand> Commands);

/// <summary>One named step of a deploy: its commands in order, and how long they may take together.</summary>
/// <param name="Name">The step's name, which a failure reports (<c>staging-aws: terraform 1-foundation</c>).</param>
/// <param name="Kind">What the step does.</param>
/// <param name="Commands">The commands, run in order; the first failure fails the step.</param>
/// <param name="Timeout">The time the step may take in all.</param>
internal sealed record DeployStep(string Name, DeployStepKind Kind, ImmutableArray<DeployCommand> Commands, TimeSpan Timeout)
{
    /// <summary>Commands whose output helps understand a failure (a Job's logs); run on failure, their own failures ignored.</summary>
    public ImmutableArray<DeployCommand> Diagnostics { get; init; } = [];

    /// <summary>What restores the previous release when this step fails, or null when nothing needs restoring.</summary>
    public Rollback? Rollback { get; init; }

    /// <summary>What to do when the step failed, for the error message.</summary>
    public required string Fix { get; init; }
}
