using System.Text.RegularExpressions;
using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Deployment;

/// <summary>
/// The Kubernetes half of a deploy to one target, in the release order every other path uses
/// (<see cref="ReleaseOrder"/>): render the release once; apply everything but the workloads; wait
/// for the secrets, the in-cluster stores and the migrations Job; apply the workloads; wait until
/// every Deployment has rolled and every Rollout is promoted and healthy. A failed rollout rolls back.
/// </summary>
internal sealed partial class ReleaseSteps(DeploymentModel model, EnvironmentPlan environment, CloudTarget target, ReleaseKustomization release, string kubeconfig)
{
    /// <summary>The field manager of every server-side apply, so the deploy's fields are told apart from controllers'.</summary>
    public const string FieldManager = "ainow-deploy";

    /// <summary>How long a Rollout, a Deployment or the migrations may take.</summary>
    public static readonly TimeSpan RolloutTimeout = TimeSpan.FromMinutes(15);

    private static readonly TimeSpan SecretsTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StoresTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(10);

    private readonly string _namespace = model.Naming.Namespace(environment.Name);
    private readonly RolloutFactory _rollouts = new(model, environment);

    private string Prefix => $"{environment.Name}-{target.Key}";

    /// <summary>The workloads released by an Argo Rollout, in model order.</summary>
    public IReadOnlyList<string> Rollouts => model.Services.Where(_rollouts.UsesRollout).Select(s => s.Name).ToList();

    /// <summary>The long-running workloads that roll as plain Deployments (every one without a Rollout).</summary>
    public IReadOnlyList<string> Deployments => model.Services.Where(s => s.Kind == WorkloadKind.LongRunning && !_rollouts.UsesRollout(s)).Select(s => s.Name).ToList();

    private string? MigrationsJob => model.Services.FirstOrDefault(s => s.Kind == WorkloadKind.RunToCompletion)?.Name;

    /// <summary>The one public workload, whose Ingress the smoke test calls; null when nothing is public.</summary>
    private string? Gateway => model.Services.FirstOrDefault(s => s.IsPublic)?.Name;

    /// <summary>The steps from the render to a healthy release.</summary>
    public IEnumerable<DeployStep> Steps()
    {
        yield return new DeployStep($"{Prefix}: render the release", DeployStepKind.Kubernetes,
            [DeployCommand.Of("kubectl", "kustomize", release.Folder, "--output", release.RenderedFile)], TimeSpan.FromMinutes(2))
        {
            Fix = $"Check that '{release.File}' renders with kubectl kustomize (the overlay was published by the same run).",
        };

        var configuration = new List<DeployCommand>();
        if (MigrationsJob is { } job)
        {
            // A Job's pod template is immutable: the previous release's Job goes first.
            configuration.Add(Kubectl("delete", "job", job, "-n", _namespace, "--ignore-not-found", "--wait"));
        }

        configuration.Add(Apply("-l", $"{ReleaseOrder.PhaseLabel}!={ReleaseOrder.RolloutPhase}"));
        yield return new DeployStep($"{Prefix}: apply the configuration, stores and migrations", DeployStepKind.Kubernetes, [.. configuration], TimeSpan.FromMinutes(5))
        {
            Fix = "Read the API server's answer above; nothing of the new workloads was applied, the previous release still serves.",
        };

        var ready = new List<DeployCommand>
        {
            Kubectl("wait", "-n", _namespace, "--for=condition=Ready", "externalsecret", "--all", $"--timeout={Durations.Text(SecretsTimeout)}"),
        };
        if (target.Stores == StoreMode.InCluster)
        {
            ready.AddRange(model.DataStores.Select(store => Kubectl("rollout", "status", "-n", _namespace, $"statefulset/{store.Name}", $"--timeout={Durations.Text(StoresTimeout)}")));
        }

        yield return new DeployStep($"{Prefix}: wait for the secrets and stores", DeployStepKind.Kubernetes, [.. ready], SecretsTimeout + StoresTimeout + TimeSpan.FromMinutes(1))
        {
            Fix = $"An ExternalSecret not Ready means an entry is missing in the secret store (terraform/README.md lists the entries to set) or the store's identity cannot read it: kubectl describe externalsecret -n {_namespace}.",
        };

        if (MigrationsJob is { } migrations)
        {
            yield return new DeployStep($"{Prefix}: wait for the migrations", DeployStepKind.Kubernetes,
                [Kubectl("wait", "-n", _namespace, "--for=condition=complete", $"job/{migrations}", $"--timeout={Durations.Text(RolloutTimeout)}")], RolloutTimeout + TimeSpan.FromMinutes(1))
            {
                Diagnostics = [Kubectl("logs", "-n", _namespace, $"job/{migrations}", "--all-containers")],
                Fix = "Read the migrations' log above and fix the schema change; the new workloads were not applied, the previous release still serves on the schema it knows.",
            };
        }

        // "One back" after a failure is not what ran before: a workload this release left unchanged would
        // go back a release too far. The revisions running now are what a rollback restores.
        yield return new DeployStep($"{Prefix}: record the running revisions", DeployStepKind.Kubernetes, [.. RecordRevisions()], TimeSpan.FromMinutes(2))
        {
            Fix = "The cluster did not answer; nothing of the new workloads was applied, the previous release still serves.",
        };

        yield return new DeployStep($"{Prefix}: apply the workloads", DeployStepKind.Kubernetes, [Apply()], TimeSpan.FromMinutes(5))
        {
            Fix = "Read the API server's answer above; objects it accepted before the failure are applied, and the next deploy applies them all again.",
        };

        yield return new DeployStep($"{Prefix}: wait for the rollouts", DeployStepKind.Rollout, [.. RolloutCommands()], RolloutTimeout * (Rollouts.Count + Deployments.Count + 1))
        {
            Rollback = Rollback(),
            Fix = $"Read why the new pods or the analysis failed: kubectl argo rollouts get rollout <name> -n {_namespace}, kubectl describe pods -n {_namespace}; fix, release again and deploy the new release.",
        };
    }

    /// <summary>
    /// The smoke test of this target through its own ingress, after the rollouts: the address the
    /// controller gave the gateway's Ingress, then the public host called at that address. A failure
    /// rolls the release back. Null when nothing is public.
    /// </summary>
    public DeployStep? IngressSmokeTest()
    {
        if (Gateway is not { } gateway)
        {
            return null;
        }

        // Published too: the global DNS job of the same run points the target's name at it, before anyone could set it by hand.
        var address = new Capture($"{Variable(target.Key)}_INGRESS_ADDRESS", Output: StepOutputs.IngressAddress);
        return new DeployStep($"{Prefix}: smoke test {target.Hostname} through its ingress", DeployStepKind.SmokeTest,
            [
                SmokeTest.IngressAddress(gateway, _namespace, address).With("KUBECONFIG", kubeconfig),
                SmokeTest.ThroughIngress(target.Hostname, address.Reference),
            ],
            SmokeTest.Timeout)
        {
            Rollback = Rollback(),
            Fix = $"https://{target.Hostname}{SmokeTest.Path}, called at the Ingress's address, must answer {SmokeTest.ExpectedStatus} without a key: no address means the ingress controller made no load balancer (kubectl describe ingress {gateway} -n {_namespace}); a TLS error, that the certificate is not issued for the name; another status, the gateway's pods (kubectl logs -n {_namespace} deployment/{gateway}).",
        };
    }

    /// <summary>
    /// What restores the previous release on this target: every Rollout aborted and set back, every
    /// Deployment undone, each to the revision recorded before the apply.
    /// </summary>
    public Rollback Rollback()
    {
        var commands = new List<DeployCommand>();
        foreach (var rollout in Rollouts)
        {
            // abort returns traffic to the stable pods at once; undo sets the spec back so the bad
            // revision is not tried again. After a promotion the previous revision is a new one to the
            // controller: --full skips the pause it was already approved through.
            commands.Add(ArgoRollouts("abort", rollout, "-n", _namespace));
            commands.Add(ArgoRollouts("undo", rollout, "-n", _namespace, $"--to-revision={Revision(rollout).Reference}"));
            if (environment.Rollout.ManualPromotion)
            {
                commands.Add(ArgoRollouts("promote", rollout, "-n", _namespace, "--full"));
            }
        }

        commands.AddRange(Deployments.Select(d => Kubectl("rollout", "undo", "-n", _namespace, $"deployment/{d}", $"--to-revision={Revision(d).Reference}")));
        var what = new List<string>();
        if (Rollouts.Count > 0)
        {
            what.Add($"Rollouts {string.Join(", ", Rollouts)}: the stable (previous) pods take the traffic again and the spec returns to the previous revision");
        }

        if (Deployments.Count > 0)
        {
            what.Add($"Deployments {string.Join(", ", Deployments)}: the previous pod template (images and configuration) rolls out again");
        }

        return new Rollback(
            $"{Prefix}: {string.Join("; ", what)}, each to the revision that ran before this deploy. Configuration, secrets and the database schema stay as applied (migrations only move forward).",
            [.. commands]);
    }

    /// <summary>
    /// The revision of every Rollout and Deployment, kept for the rollback. A workload not there yet
    /// keeps 0, which kubectl and the plugin read as "the previous one": on a first deploy there is
    /// none, and the rollback says so.
    /// </summary>
    private IEnumerable<DeployCommand> RecordRevisions()
    {
        foreach (var rollout in Rollouts)
        {
            yield return Kubectl("get", "rollout", rollout, "-n", _namespace, "--ignore-not-found", "-o", @"jsonpath={.metadata.annotations.rollout\.argoproj\.io/revision}")
                with { ExpectedOutput = Number(), Captures = Revision(rollout) };
        }

        foreach (var deployment in Deployments)
        {
            yield return Kubectl("get", "deployment", deployment, "-n", _namespace, "--ignore-not-found", "-o", @"jsonpath={.metadata.annotations.deployment\.kubernetes\.io/revision}")
                with { ExpectedOutput = Number(), Captures = Revision(deployment) };
        }
    }

    /// <summary>Where the revision of <paramref name="workload"/> on this target is kept (a name of its own per target, for <c>all</c>).</summary>
    private Capture Revision(string workload) => new($"{Variable(target.Key)}_{Variable(workload)}_REVISION", WhenEmpty: "0");

    private static string Variable(string name) => name.ToUpperInvariant().Replace('-', '_');

    private IEnumerable<DeployCommand> RolloutCommands()
    {
        foreach (var deployment in Deployments)
        {
            yield return Kubectl("rollout", "status", "-n", _namespace, $"deployment/{deployment}", $"--timeout={Durations.Text(RolloutTimeout)}");
        }

        // `kubectl argo rollouts status` returns only on Healthy or Degraded, and a release waiting for
        // its promotion is Paused: first wait until the controller has seen the new spec (observed
        // generation) and the Rollout is paused or done, then promote, then wait for Healthy.
        foreach (var rollout in Rollouts)
        {
            yield return Kubectl("get", "rollout", rollout, "-n", _namespace, "-o", "jsonpath={.status.observedGeneration}/{.metadata.generation}/{.status.phase}")
                with { ExpectedOutput = ObservedAndSettled(), RepeatEvery = PollInterval };
        }

        if (environment.Rollout.ManualPromotion)
        {
            // The deploy runs after the pipeline's approval of this environment: that approval is the promotion.
            foreach (var rollout in Rollouts)
            {
                yield return ArgoRollouts("promote", rollout, "-n", _namespace);
            }
        }

        foreach (var rollout in Rollouts)
        {
            yield return ArgoRollouts("status", rollout, "-n", _namespace, "--timeout", Durations.Text(RolloutTimeout));
        }
    }

    private DeployCommand Apply(params string[] selector) =>
        Kubectl(["apply", "--server-side", "--force-conflicts", $"--field-manager={FieldManager}", "-f", release.RenderedFile, .. selector]);

    private DeployCommand Kubectl(params string[] arguments) => DeployCommand.Of("kubectl", arguments).With("KUBECONFIG", kubeconfig);

    private DeployCommand ArgoRollouts(string verb, string rollout, params string[] arguments) =>
        Kubectl(["argo", "rollouts", verb, rollout, .. arguments]) with { AlsoNeeds = ["kubectl-argo-rollouts"] };

    // Empty when the workload is not there yet.
    [GeneratedRegex(@"^\d*$")]
    private static partial Regex Number();

    [GeneratedRegex(@"^(\d+)/\1/(Paused|Healthy|Degraded)$")]
    private static partial Regex ObservedAndSettled();
}
