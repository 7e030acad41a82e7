using AiNow.Publishing.Model;
using k8s.Models;

namespace AiNow.Publishing.Kubernetes;

/// <summary>
/// The environment-independent objects of one workload: its ServiceAccount, Deployment or Job,
/// Service and (for the public one) Ingress. Sizes, replicas and images are set by the overlays.
/// </summary>
/// <param name="model">The deployment model.</param>
internal sealed class WorkloadFactory(DeploymentModel model)
{
    /// <summary>How long a terminating pod keeps serving while the load balancer and kube-proxy stop sending it traffic (ALB and NEG deregistration take seconds to propagate).</summary>
    public const int DrainSeconds = 30;

    /// <summary>The ConfigMap holding a workload's plain environment.</summary>
    public static string ConfigMapName(string workload) => $"{workload}-config";

    /// <summary>The Secret (made by External Secrets) holding a workload's secret environment.</summary>
    public static string SecretName(string workload) => $"{workload}-secrets";

    /// <summary>The workload's own service account: no token mounted, no API access.</summary>
    public V1ServiceAccount ServiceAccount(string workload) => new()
    {
        ApiVersion = "v1",
        Kind = "ServiceAccount",
        Metadata = KubernetesLabels.Metadata(model.ApplicationName, workload, workload),
        AutomountServiceAccountToken = false,
    };

    /// <summary>A long-running workload. No replicas (the overlay or an autoscaler sets them).</summary>
    public V1Deployment Deployment(ServiceSpec service) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = ReleaseOrder.AsRollout(KubernetesLabels.Metadata(model.ApplicationName, service.Name, service.Name)),
        Spec = new V1DeploymentSpec
        {
            RevisionHistoryLimit = 3,
            Selector = new V1LabelSelector { MatchLabels = KubernetesLabels.Selector(service.Name) },
            Strategy = new V1DeploymentStrategy
            {
                Type = "RollingUpdate",
                RollingUpdate = new V1RollingUpdateDeployment { MaxSurge = 1, MaxUnavailable = 0 },
            },
            Template = PodTemplate(service, restartPolicy: null),
        },
    };

    /// <summary>A run-to-completion workload, ordered between the stores and the workloads (<see cref="ReleaseOrder"/>).</summary>
    public V1Job Job(ServiceSpec service)
    {
        var metadata = KubernetesLabels.Metadata(model.ApplicationName, service.Name, service.Name);
        ReleaseOrder.AsMigrationsHook(metadata);
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = metadata,
            Spec = new V1JobSpec
            {
                BackoffLimit = 3,
                ActiveDeadlineSeconds = 900,
                Template = PodTemplate(service, restartPolicy: "Never"),
            },
        };
    }

    /// <summary>The Service in front of a workload's endpoints, or null when it has none.</summary>
    public V1Service? Service(ServiceSpec service, string? name = null)
    {
        if (service.Endpoints.IsDefaultOrEmpty)
        {
            return null;
        }

        return new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = KubernetesLabels.Metadata(model.ApplicationName, name ?? service.Name, service.Name),
            Spec = new V1ServiceSpec
            {
                Type = "ClusterIP",
                Selector = KubernetesLabels.Selector(service.Name),
                Ports = service.Endpoints.Select(e => new V1ServicePort { Name = e.Name, Port = e.Port, TargetPort = e.Name, Protocol = "TCP" }).ToList(),
            },
        };
    }

    /// <summary>The Ingress of the public workload; hosts, TLS, class and annotations come from the overlay and cloud component.</summary>
    public V1Ingress Ingress(ServiceSpec service)
    {
        var endpoint = service.Endpoints.First(e => e.IsExternal);
        return new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "Ingress",
            Metadata = ReleaseOrder.InWave(KubernetesLabels.Metadata(model.ApplicationName, service.Name, service.Name), ReleaseOrder.EdgeWave),
            Spec = new V1IngressSpec { Rules = [IngressRule(service.Name, endpoint.Name, host: null)] },
        };
    }

    /// <summary>A rule sending the public paths of <paramref name="host"/> to the workload's Service.</summary>
    public static V1IngressRule IngressRule(string service, string portName, string? host) => new()
    {
        Host = host,
        Http = new V1HTTPIngressRuleValue
        {
            Paths =
            [
                new V1HTTPIngressPath
                {
                    Path = Kubernetes.Ingress.IngressController.PublicPathPrefix,
                    PathType = "Prefix",
                    Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = service, Port = new V1ServiceBackendPort { Name = portName } } },
                },
            ],
        },
    };

    private V1PodTemplateSpec PodTemplate(ServiceSpec service, string? restartPolicy) => new()
    {
        Metadata = new V1ObjectMeta { Labels = KubernetesLabels.For(model.ApplicationName, service.Name) },
        Spec = new V1PodSpec
        {
            ServiceAccountName = service.Name,
            AutomountServiceAccountToken = false,
            EnableServiceLinks = false,
            RestartPolicy = restartPolicy,
            SecurityContext = PodSecurity.Pod(PodSecurity.DotnetAppUser),
            TerminationGracePeriodSeconds = restartPolicy is null ? DrainSeconds + model.Requests.LongestRequestSeconds + 5 : null,
            Containers = [Container(service, restartPolicy is null)],
            Volumes = [PodSecurity.ScratchVolume(PodSecurity.TmpVolumeName)],
        },
    };

    private V1Container Container(ServiceSpec service, bool longRunning)
    {
        var name = service.Name;
        var secretVariables = service.Environment.Where(v => v.Value.IsSecret).ToList();
        var hasConfig = service.Environment.Any(v => !v.Value.IsSecret);
        var probes = service.Probes.ToDictionary(p => p.Kind);
        return new V1Container
        {
            Name = name,
            Image = service.Image.BuiltFromSource ? service.Image.Repository : $"{service.Image.Repository}:{service.Image.Tag}",
            ImagePullPolicy = "IfNotPresent",
            Ports = !service.Endpoints.IsDefaultOrEmpty
                ? service.Endpoints.Select(e => new V1ContainerPort { Name = e.Name, ContainerPort = e.TargetPort, Protocol = "TCP" }).ToList()
                : null,
            EnvFrom = hasConfig ? [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = ConfigMapName(service.Name) } }] : null,
            Env =
            [
                .. TelemetryIdentity(service),
                .. model.Requests.VariablesFor(service.Name).Select(v => new V1EnvVar { Name = v.Name, Value = v.Value }),
                .. secretVariables.Select(v => SecretVariable(service, v)),
            ],
            StartupProbe = Probe(probes.GetValueOrDefault(ProbeKind.Startup)),
            ReadinessProbe = Probe(probes.GetValueOrDefault(ProbeKind.Readiness)),
            LivenessProbe = Probe(probes.GetValueOrDefault(ProbeKind.Liveness)),
            // Keep serving while endpoints are withdrawn, then let the host finish in-flight requests.
            Lifecycle = longRunning && !service.Endpoints.IsDefaultOrEmpty
                ? new V1Lifecycle { PreStop = new V1LifecycleHandler { Sleep = new V1SleepAction { Seconds = DrainSeconds } } }
                : null,
            SecurityContext = PodSecurity.Container(),
            VolumeMounts = [PodSecurity.Mount(PodSecurity.TmpVolumeName, "/tmp")],
        };
    }

    /// <summary>
    /// A secret variable from the workload's Secret. A variable holding only an optional secret
    /// parameter comes from its own Secret and is optional: a missing store entry leaves it unset
    /// instead of keeping the pod in CreateContainerConfigError.
    /// </summary>
    private V1EnvVar SecretVariable(ServiceSpec service, EnvironmentVariable variable) => model.OptionalSecretOf(variable) is { } parameter
        ? new V1EnvVar { Name = variable.Name, ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = OptionalSecretName(service.Name, parameter), Key = variable.Name, Optional = true } } }
        : new V1EnvVar { Name = variable.Name, ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = SecretName(service.Name), Key = variable.Name } } };

    /// <summary>
    /// The telemetry identity: <c>service.name</c> (Prometheus' <c>job</c>) is the workload's name and
    /// <c>service.instance.id</c> (Prometheus' <c>instance</c>) the pod's, so replicas' cumulative series stay
    /// apart (with one identity they would overwrite each other at the collector and read as counter
    /// resets); rollout pods also export their <c>rollouts-pod-template-hash</c> label, so the analysis
    /// measures the new pods only. With it, how much each pod exports: metrics every few seconds, a share of traces.
    /// </summary>
    private IEnumerable<V1EnvVar> TelemetryIdentity(ServiceSpec service)
    {
        yield return new V1EnvVar { Name = "OTEL_SERVICE_NAME", Value = service.Name };
        yield return new V1EnvVar { Name = TelemetryContract.PodNameVariable, ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } };
        var attributes = $"service.instance.id=$({TelemetryContract.PodNameVariable}),k8s.pod.name=$({TelemetryContract.PodNameVariable})";
        if (service.Kind == WorkloadKind.LongRunning)
        {
            // The host finishes in-flight requests for this long after SIGTERM; the grace period covers it.
            yield return new V1EnvVar { Name = "DOTNET_shutdownTimeoutSeconds", Value = model.Requests.LongestRequestSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }

        if (service.Kind == WorkloadKind.LongRunning)
        {
            // Every long-running workload, the queue worker included (its queue gauges feed the backlog alerts).
            yield return new V1EnvVar { Name = "OTEL_METRIC_EXPORT_INTERVAL", Value = TelemetryContract.MetricExportIntervalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }

        yield return new V1EnvVar { Name = "OTEL_TRACES_SAMPLER", Value = TelemetryContract.TraceSampler };
        yield return new V1EnvVar { Name = "OTEL_TRACES_SAMPLER_ARG", Value = TelemetryContract.TraceSampleRatio };

        if (service.Kind == WorkloadKind.LongRunning && !model.IsQueueConsumer(service))
        {
            yield return new V1EnvVar { Name = TelemetryContract.PodTemplateHashVariable, ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.labels['rollouts-pod-template-hash']" } } };
            attributes += $",{TelemetryContract.PodTemplateHashAttribute}=$({TelemetryContract.PodTemplateHashVariable})";
        }

        // Variables referenced with $(NAME) must come earlier in the list, so this one comes last.
        yield return new V1EnvVar { Name = "OTEL_RESOURCE_ATTRIBUTES", Value = attributes };
    }

    /// <summary>The Secret holding one optional secret parameter of a workload.</summary>
    public static string OptionalSecretName(string workload, string parameter) => $"{workload}-{parameter}";

    private static V1Probe? Probe(ProbeSpec? probe) => probe is null ? null : new V1Probe
    {
        HttpGet = new V1HTTPGetAction { Path = probe.Path, Port = probe.EndpointName, Scheme = "HTTP" },
        InitialDelaySeconds = probe.InitialDelaySeconds,
        PeriodSeconds = probe.PeriodSeconds,
        TimeoutSeconds = probe.TimeoutSeconds,
        FailureThreshold = probe.FailureThreshold,
    };
}
