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
    /// <summary>Argo CD runs hooks before the sync; the Job must finish before anything else rolls out.</summary>
    private const string ArgoHook = "argocd.argoproj.io/hook";
    private const string ArgoHookDeletePolicy = "argocd.argoproj.io/hook-delete-policy";

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
        Metadata = KubernetesLabels.Metadata(model.ApplicationName, service.Name, service.Name),
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

    /// <summary>A run-to-completion workload, ordered before the rollout by an Argo CD PreSync hook.</summary>
    public V1Job Job(ServiceSpec service)
    {
        var metadata = KubernetesLabels.Metadata(model.ApplicationName, service.Name, service.Name);
        metadata.Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [ArgoHook] = "PreSync",
            [ArgoHookDeletePolicy] = "BeforeHookCreation",
        };
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
            Metadata = KubernetesLabels.Metadata(model.ApplicationName, service.Name, service.Name),
            Spec = new V1IngressSpec { Rules = [IngressRule(service.Name, endpoint.Name, host: null)] },
        };
    }

    /// <summary>A rule sending every path of <paramref name="host"/> to the workload's Service.</summary>
    public static V1IngressRule IngressRule(string service, string portName, string? host) => new()
    {
        Host = host,
        Http = new V1HTTPIngressRuleValue
        {
            Paths =
            [
                new V1HTTPIngressPath
                {
                    Path = "/",
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
            InitContainers = InitContainers(service),
            Containers = [Container(service, service.Name)],
            Volumes = [PodSecurity.ScratchVolume(PodSecurity.TmpVolumeName)],
        },
    };

    /// <summary>
    /// Run-to-completion workloads this one waits for run again as init containers. They are
    /// idempotent and serialised (the migrator takes an advisory lock), so the init container waits
    /// while the Job runs and is a no-op after it: pods never start on an old schema, whatever
    /// tool applies the manifests.
    /// </summary>
    private List<V1Container>? InitContainers(ServiceSpec service)
    {
        var containers = service.WaitsForCompletionOf
            .Select(model.FindService)
            .OfType<ServiceSpec>()
            .Where(s => s.Kind == WorkloadKind.RunToCompletion)
            .Select(job => Container(job, $"wait-for-{job.Name}"))
            .ToList();
        return containers.Count == 0 ? null : containers;
    }

    private static V1Container Container(ServiceSpec service, string name)
    {
        var secretVariables = service.Environment.Where(v => v.Value.IsSecret).ToList();
        var hasConfig = service.Environment.Any(v => !v.Value.IsSecret);
        var probes = service.Probes.ToDictionary(p => p.Kind);
        return new V1Container
        {
            Name = name,
            Image = service.Image.BuiltFromSource ? service.Image.Repository : $"{service.Image.Repository}:{service.Image.Tag}",
            ImagePullPolicy = "IfNotPresent",
            Ports = name == service.Name && !service.Endpoints.IsDefaultOrEmpty
                ? service.Endpoints.Select(e => new V1ContainerPort { Name = e.Name, ContainerPort = e.TargetPort, Protocol = "TCP" }).ToList()
                : null,
            EnvFrom = hasConfig ? [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = ConfigMapName(service.Name) } }] : null,
            Env = secretVariables.Count == 0
                ? null
                : secretVariables.Select(v => new V1EnvVar
                {
                    Name = v.Name,
                    ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = SecretName(service.Name), Key = v.Name } },
                }).ToList(),
            StartupProbe = name == service.Name ? Probe(probes.GetValueOrDefault(ProbeKind.Startup)) : null,
            ReadinessProbe = name == service.Name ? Probe(probes.GetValueOrDefault(ProbeKind.Readiness)) : null,
            LivenessProbe = name == service.Name ? Probe(probes.GetValueOrDefault(ProbeKind.Liveness)) : null,
            SecurityContext = PodSecurity.Container(),
            VolumeMounts = [PodSecurity.Mount(PodSecurity.TmpVolumeName, "/tmp")],
        };
    }

    private static V1Probe? Probe(ProbeSpec? probe) => probe is null ? null : new V1Probe
    {
        HttpGet = new V1HTTPGetAction { Path = probe.Path, Port = probe.EndpointName, Scheme = "HTTP" },
        InitialDelaySeconds = probe.InitialDelaySeconds,
        PeriodSeconds = probe.PeriodSeconds,
        TimeoutSeconds = probe.TimeoutSeconds,
        FailureThreshold = probe.FailureThreshold,
    };
}
