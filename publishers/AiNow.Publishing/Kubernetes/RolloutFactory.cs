using System.Globalization;
using AiNow.Publishing.Kubernetes.Crds;
using AiNow.Publishing.Model;
using k8s.Models;

namespace AiNow.Publishing.Kubernetes;

/// <summary>
/// Argo Rollouts for environments with progressive delivery. Each Rollout takes its pod template from
/// the base Deployment (<c>workloadRef</c>, the Deployment scaled to zero), so there is one pod
/// template and every policy applies to it. Canary: weighted steps, each gated by the success-rate
/// analysis. Blue/green: active and preview Services, the analysis after promotion, and manual
/// promotion where the environment requires approval.
/// </summary>
/// <param name="model">The deployment model.</param>
/// <param name="environment">The environment.</param>
internal sealed class RolloutFactory(DeploymentModel model, EnvironmentPlan environment)
{
    /// <summary>The analysis template's name.</summary>
    public const string AnalysisTemplateName = "success-rate";

    private const string ServiceArgument = "service-name";
    private const string HashArgument = "pod-template-hash";

    /// <summary>The Service that receives preview traffic in blue/green.</summary>
    public static string PreviewServiceName(string service) => $"{service}-preview";

    /// <summary>
    /// True when <paramref name="service"/> is released by a Rollout: HTTP workloads in environments
    /// with progressive delivery. Queue consumers always roll: their new pods take real work the moment
    /// they start (a preview stack would too), and they serve no HTTP traffic to judge.
    /// </summary>
    public bool UsesRollout(ServiceSpec service) =>
        environment.Rollout.Strategy != RolloutStrategy.None && service.Kind == WorkloadKind.LongRunning && !model.IsQueueConsumer(service);

    /// <summary>True when <paramref name="service"/> uses blue/green (it needs a Service to switch).</summary>
    public bool UsesBlueGreen(ServiceSpec service) => UsesRollout(service) && environment.Rollout.Strategy == RolloutStrategy.BlueGreen && !service.Endpoints.IsDefaultOrEmpty;

    /// <summary>The least number of requests a release must serve in the window before its success rate counts.</summary>
    public const int MinimumRequests = 20;

    private const int AnalysisInitialDelaySeconds = 120;
    private const int AnalysisIntervalSeconds = 60;
    private const int AnalysisMeasurements = 5;

    /// <summary>How long one analysis runs: the delay, then one measurement per interval.</summary>
    public const int AnalysisSeconds = AnalysisInitialDelaySeconds + (AnalysisMeasurements * AnalysisIntervalSeconds);

    /// <summary>How long the window of each measurement is: several export intervals, so fresh series have points to compare.</summary>
    private const string Window = "5m";

    /// <summary>
    /// How long blue/green keeps the previous ReplicaSet once the new one is stable. It outlasts the
    /// analysis, so a release judged bad late still has running pods to switch back to.
    /// </summary>
    public const int ScaleDownDelaySeconds = AnalysisSeconds + 120;

    /// <summary>
    /// The new pods' success rate, from the services' OpenTelemetry metrics in Prometheus: <c>job</c>
    /// is the service name (OpenTelemetry's <c>service.name</c>) and <c>rollouts_pod_template_hash</c>
    /// the resource attribute every pod exports from its <c>rollouts-pod-template-hash</c> label (the
    /// collector's Prometheus exporter turns every resource attribute into a label, dots to underscores).
    /// It fails closed: the query answers only over at least <see cref="MinimumRequests"/> requests in the
    /// window, and an empty answer (too little traffic, no series, a broken metrics pipeline) is a failed
    /// measurement, not an inconclusive one. A release that cannot be measured is not promoted: one quiet
    /// measurement is tolerated (<c>FailureLimit</c>), the second aborts the release.
    /// </summary>
    public AnalysisTemplate SuccessRate()
    {
        var threshold = environment.Rollout.SuccessRateThreshold.ToString(CultureInfo.InvariantCulture);
        var selector = $"{TelemetryContract.ServiceLabel}=\"{{{{args.{ServiceArgument}}}}}\",{TelemetryContract.PodTemplateHashLabel}=\"{{{{args.{HashArgument}}}}}\"";
        var all = $"sum(increase({TelemetryContract.RequestMetric}{{{selector}}}[{Window}]))";
        var failed = $"sum(increase({TelemetryContract.RequestMetric}{{{selector},{TelemetryContract.StatusLabel}=~\"5..\"}}[{Window}]))";

        // Empty unless the window holds enough requests (the low-traffic rule); no 5xx series means none failed.
        var query = $"(1 - ({failed} or vector(0)) / {all}) and ({all} >= {MinimumRequests})";
        return new AnalysisTemplate(
            KubernetesLabels.Metadata(model.ApplicationName, AnalysisTemplateName, null),
            new AnalysisTemplateSpec(
                [new AnalysisArgument(ServiceArgument), new AnalysisArgument(HashArgument)],
                [
                    new AnalysisMetric(
                        AnalysisTemplateName,
                        InitialDelay: $"{AnalysisInitialDelaySeconds}s",
                        Interval: $"{AnalysisIntervalSeconds}s",
                        Count: AnalysisMeasurements,
                        FailureLimit: 1,
                        ConsecutiveErrorLimit: 2,
                        InconclusiveLimit: 2,
                        SuccessCondition: $"len(result) > 0 && result[0] >= {threshold}",
                        // No data fails: a gate that passes or waits on silence would promote a release nobody measured.
                        FailureCondition: $"len(result) == 0 || result[0] < {threshold}",
                        new MetricProvider(new PrometheusMetric(environment.Rollout.PrometheusAddress, query))),
                ]));
    }

    /// <summary>The Rollout of a long-running workload; no replicas when an autoscaler owns them.</summary>
    public Rollout Rollout(ServiceSpec service, ServicePlan plan)
    {
        var metadata = ReleaseOrder.AsRollout(KubernetesLabels.Metadata(model.ApplicationName, service.Name, service.Name));
        var analysis = new RolloutAnalysis(
            [new AnalysisTemplateReference(AnalysisTemplateName)],
            [new AnalysisArgument(ServiceArgument, service.Name), new AnalysisArgument(HashArgument, ValueFrom: new ArgumentValueFrom("Latest"))]);
        var strategy = UsesBlueGreen(service)
            ? new RolloutStrategySpec(null, new BlueGreenStrategy(service.Name, PreviewServiceName(service.Name), !environment.Rollout.ManualPromotion, ScaleDownDelaySeconds, analysis))
            : new RolloutStrategySpec(new CanaryStrategy(MaxSurge: 1, MaxUnavailable: 0, CanarySteps(analysis)), null);
        return new Rollout(
            metadata,
            new RolloutSpec(
                plan.Autoscaling is null ? plan.Replicas : null,
                RevisionHistoryLimit: 3,
                new V1LabelSelector { MatchLabels = KubernetesLabels.Selector(service.Name) },
                new WorkloadReference("apps/v1", "Deployment", service.Name, ScaleDown: "never"),
                strategy));
    }

    private List<CanaryStep> CanarySteps(RolloutAnalysis analysis)
    {
        List<CanaryStep> steps =
        [
            new(SetWeight: 25),
            new(Pause: new RolloutPause("2m")),
            new(Analysis: analysis),
            new(SetWeight: 50),
            new(Pause: new RolloutPause("2m")),
            new(Analysis: analysis),
        ];
        if (environment.Rollout.ManualPromotion)
        {
            steps.Add(new(Pause: new RolloutPause(null)));
        }

        return steps;
    }
}
