using k8s.Models;

namespace AiNow.Publishing.Kubernetes;

/// <summary>
/// The one release order, the same under Argo CD and plain <c>kubectl</c>: (1) namespace, identities,
/// configuration, secrets and policies; (2) in-cluster stores; (3) the migrations Job, to completion;
/// (4) the workloads that need the schema. Argo CD follows the sync waves; with kubectl the overview's
/// commands apply everything not labelled <see cref="PhaseLabel"/>=<see cref="RolloutPhase"/> first,
/// wait for the Job, then apply the rest.
/// </summary>
internal static class ReleaseOrder
{
    /// <summary>Argo CD's wave annotation.</summary>
    public const string SyncWave = "argocd.argoproj.io/sync-wave";

    /// <summary>Argo CD's hook annotation.</summary>
    public const string Hook = "argocd.argoproj.io/hook";

    /// <summary>Argo CD's hook deletion policy.</summary>
    public const string HookDeletePolicy = "argocd.argoproj.io/hook-delete-policy";

    /// <summary>Marks the objects applied only after the migrations Job completed (kubectl's second apply).</summary>
    public const string PhaseLabel = "ainow/release-phase";

    /// <summary>The value of <see cref="PhaseLabel"/> on workloads that need the schema.</summary>
    public const string RolloutPhase = "rollout";

    /// <summary>Wave of the in-cluster stores: after their secrets exist.</summary>
    public const int StoresWave = 1;

    /// <summary>Wave of the migrations Job: after the stores are ready.</summary>
    public const int MigrationsWave = 2;

    /// <summary>Wave of the workloads: after the schema is in place.</summary>
    public const int WorkloadsWave = 3;

    /// <summary>
    /// Wave of what scales or guards the workloads (autoscalers, disruption budgets): an autoscaler
    /// whose target does not exist yet is unhealthy, which would stop an Argo CD sync before it starts.
    /// </summary>
    public const int ScalingWave = 4;

    /// <summary>
    /// Wave of the public edge (Ingress, certificate, load balancer settings): Argo CD reports them
    /// progressing until the cloud hands out an address or a certificate, which must not hold back
    /// the migrations and the workloads.
    /// </summary>
    public const int EdgeWave = 5;

    /// <summary>Puts an object in a wave; returns <paramref name="metadata"/>.</summary>
    public static V1ObjectMeta InWave(V1ObjectMeta metadata, int wave)
    {
        metadata.Annotations ??= new SortedKeyDictionary<string>();
        metadata.Annotations[SyncWave] = wave.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return metadata;
    }

    /// <summary>Marks a workload that needs the schema: last wave, second kubectl apply; returns <paramref name="metadata"/>.</summary>
    public static V1ObjectMeta AsRollout(V1ObjectMeta metadata)
    {
        InWave(metadata, WorkloadsWave).Labels[PhaseLabel] = RolloutPhase;
        return metadata;
    }

    /// <summary>
    /// Makes the migrations Job an Argo CD Sync hook in its wave (recreated on every sync, so the
    /// immutable Job template never blocks a release); kubectl deletes it first (see the overview).
    /// </summary>
    public static void AsMigrationsHook(V1ObjectMeta metadata)
    {
        InWave(metadata, MigrationsWave);
        metadata.Annotations![Hook] = "Sync";
        metadata.Annotations[HookDeletePolicy] = "BeforeHookCreation";
    }
}
