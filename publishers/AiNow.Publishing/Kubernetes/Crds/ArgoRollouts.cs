using k8s.Models;

namespace AiNow.Publishing.Kubernetes.Crds;

// Typed models of the Argo Rollouts objects we emit (argoproj.io/v1alpha1), limited to the fields we use.

/// <summary>An Argo Rollout that takes its pod template from a Deployment (<c>workloadRef</c>).</summary>
public sealed record Rollout(string ApiVersion, string Kind, V1ObjectMeta Metadata, RolloutSpec Spec)
{
    /// <summary>A Rollout of <c>argoproj.io/v1alpha1</c>; apiVersion and kind come first in the YAML.</summary>
    public Rollout(V1ObjectMeta metadata, RolloutSpec spec)
        : this("argoproj.io/v1alpha1", "Rollout", metadata, spec)
    {
    }
}

/// <summary>The Rollout's desired state.</summary>
public sealed record RolloutSpec(int? Replicas, int RevisionHistoryLimit, V1LabelSelector Selector, WorkloadReference WorkloadRef, RolloutStrategySpec Strategy);

/// <summary>The Deployment whose pod template the Rollout runs.</summary>
public sealed record WorkloadReference(string ApiVersion, string Kind, string Name, string ScaleDown);

/// <summary>Exactly one of canary or blue/green.</summary>
public sealed record RolloutStrategySpec(CanaryStrategy? Canary, BlueGreenStrategy? BlueGreen);

/// <summary>Replica-weighted canary steps.</summary>
public sealed record CanaryStrategy(int MaxSurge, int MaxUnavailable, IReadOnlyList<CanaryStep> Steps);

/// <summary>One canary step: a weight, a pause or an analysis.</summary>
public sealed record CanaryStep(int? SetWeight = null, RolloutPause? Pause = null, RolloutAnalysis? Analysis = null);

/// <summary>A pause; without a duration it waits for a person to promote.</summary>
public sealed record RolloutPause(string? Duration);

/// <summary>Runs analysis templates with arguments.</summary>
public sealed record RolloutAnalysis(IReadOnlyList<AnalysisTemplateReference> Templates, IReadOnlyList<AnalysisArgument> Args);

/// <summary>A reference to an AnalysisTemplate.</summary>
public sealed record AnalysisTemplateReference(string TemplateName);

/// <summary>A named argument: a value, or one the Rollout fills in (the new pods' template hash).</summary>
public sealed record AnalysisArgument(string Name, string? Value = null, ArgumentValueFrom? ValueFrom = null);

/// <summary>Where the Rollout takes an argument's value from.</summary>
/// <param name="PodTemplateHashValue"><c>Latest</c> (the new ReplicaSet) or <c>Stable</c>.</param>
public sealed record ArgumentValueFrom(string PodTemplateHashValue);

/// <summary>Active and preview Services, switched on promotion.</summary>
public sealed record BlueGreenStrategy(string ActiveService, string PreviewService, bool AutoPromotionEnabled, int ScaleDownDelaySeconds, RolloutAnalysis? PostPromotionAnalysis);

/// <summary>A reusable analysis: queries a metric provider and judges the result.</summary>
public sealed record AnalysisTemplate(string ApiVersion, string Kind, V1ObjectMeta Metadata, AnalysisTemplateSpec Spec)
{
    /// <summary>A AnalysisTemplate of <c>argoproj.io/v1alpha1</c>; apiVersion and kind come first in the YAML.</summary>
    public AnalysisTemplate(V1ObjectMeta metadata, AnalysisTemplateSpec spec)
        : this("argoproj.io/v1alpha1", "AnalysisTemplate", metadata, spec)
    {
    }
}

/// <summary>The template's arguments and metrics.</summary>
public sealed record AnalysisTemplateSpec(IReadOnlyList<AnalysisArgument> Args, IReadOnlyList<AnalysisMetric> Metrics);

/// <summary>
/// One metric, measured <c>Count</c> times every <c>Interval</c> after <c>InitialDelay</c>. A
/// measurement that meets the failure condition (including no data) counts against <c>FailureLimit</c>;
/// one that meets neither is inconclusive, which pauses the Rollout for a person; one that errors
/// (Prometheus down) counts against <c>ConsecutiveErrorLimit</c> and then fails the analysis.
/// </summary>
public sealed record AnalysisMetric(string Name, string InitialDelay, string Interval, int Count, int FailureLimit, int ConsecutiveErrorLimit, int InconclusiveLimit, string SuccessCondition, string FailureCondition, MetricProvider Provider);

/// <summary>Where the metric comes from.</summary>
public sealed record MetricProvider(PrometheusMetric Prometheus);

/// <summary>A Prometheus query.</summary>
public sealed record PrometheusMetric(string Address, string Query);
