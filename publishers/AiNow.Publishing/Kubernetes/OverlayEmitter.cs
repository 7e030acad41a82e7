using AiNow.Publishing.Kubernetes.Crds;
using AiNow.Publishing.Kubernetes.Kustomize;
using AiNow.Publishing.Model;
using AiNow.Publishing.Writing;
using k8s.Models;

namespace AiNow.Publishing.Kubernetes;

/// <summary>
/// One overlay per environment and cloud: the namespace, secrets by reference, managed-store access
/// or the in-cluster stores component, Rollouts, autoscalers and disruption budgets, images from the
/// cloud's registry, and patches for sizes, host name, TLS and workload identity.
/// </summary>
internal sealed class OverlayEmitter(DeploymentModel model, EnvironmentPlan environment, CloudTarget target)
{
    private const string PodSecurityLevel = "restricted";

    private readonly string _folder = KubernetesLayout.Overlay(environment.Name, target.Cloud);
    private readonly RolloutFactory _rollouts = new(model, environment);

    private bool UsesRollouts => environment.Rollout.Strategy != RolloutStrategy.None;

    private IEnumerable<ServiceSpec> LongRunning => model.Services.Where(s => s.Kind == WorkloadKind.LongRunning);

    public IEnumerable<GeneratedFile> Emit()
    {
        var resources = new List<string> { "../../base" };
        var files = new List<GeneratedFile>();

        void AddResource(string name, IEnumerable<object> objects)
        {
            var list = objects.ToList();
            if (list.Count > 0)
            {
                files.Add(new($"{_folder}/{name}", ManifestYaml.Serialize(list)));
                resources.Add(name);
            }
        }

        AddResource("namespace.yaml", [Namespace()]);
        AddResource("secrets.yaml", Secrets());
        AddResource("network-policies.yaml", NetworkPolicies());
        if (target.Stores == StoreMode.Managed)
        {
            AddResource("managed-stores.yaml", ManagedStores());
        }

        if (UsesRollouts)
        {
            AddResource("rollouts.yaml", Rollouts());
        }

        AddResource("autoscaling.yaml", Autoscaling());
        if (CloudProfile.UsesCertManager(target.Cloud) && model.Services.FirstOrDefault(s => s.IsPublic) is { } gateway)
        {
            AddResource("certificate.yaml", [Certificate(gateway)]);
        }

        var patches = new List<Patch>();
        void AddPatch(string name, IEnumerable<object> objects)
        {
            var list = objects.ToList();
            if (list.Count > 0)
            {
                files.Add(new($"{_folder}/patches/{name}", ManifestYaml.Serialize(list)));
                patches.Add(new Patch($"patches/{name}"));
            }
        }

        AddPatch("workloads.yaml", WorkloadPatches());
        AddPatch("ingress.yaml", IngressPatches());
        AddPatch("service-accounts.yaml", ServiceAccountPatches());

        var components = new List<string>();
        if (target.Stores == StoreMode.InCluster && !model.DataStores.IsDefaultOrEmpty)
        {
            components.Add($"../../{KubernetesLayout.InClusterStores}");
        }

        components.Add($"../../{KubernetesLayout.CloudComponent(target.Cloud)}");

        var kustomization = Kustomization.Create(component: false) with
        {
            Namespace = model.Naming.Namespace(environment.Name),
            Resources = resources,
            Components = components,
            ConfigMapGenerator = ParameterConfig(),
            Images = Images(),
            Patches = patches,
        };
        files.Add(new($"{_folder}/{KubernetesLayout.KustomizationFile}", ManifestYaml.Serialize(kustomization)));
        return files;
    }

    private V1Namespace Namespace()
    {
        var labels = KubernetesLabels.For(model.ApplicationName, null);
        foreach (var mode in new[] { "enforce", "audit", "warn" })
        {
            labels[$"pod-security.kubernetes.io/{mode}"] = PodSecurityLevel;
            labels[$"pod-security.kubernetes.io/{mode}-version"] = "latest";
        }

        return new V1Namespace
        {
            ApiVersion = "v1",
            Kind = "Namespace",
            Metadata = new V1ObjectMeta { Name = model.Naming.Namespace(environment.Name), Labels = labels },
        };
    }

    private IEnumerable<object> Secrets()
    {
        var secrets = new SecretsFactory(model, environment, target);
        yield return secrets.Store();
        foreach (var service in model.Services)
        {
            if (secrets.ForVariables(service.Name, WorkloadFactory.SecretName(service.Name), service.Environment) is { } externalSecret)
            {
                yield return externalSecret;
            }
        }

        if (target.Stores == StoreMode.InCluster)
        {
            foreach (var store in model.DataStores)
            {
                if (secrets.ForVariables(store.Name, StoreFactory.SecretName(store.Name), store.Environment) is { } externalSecret)
                {
                    yield return externalSecret;
                }
            }
        }
    }

    private IEnumerable<object> NetworkPolicies()
    {
        var rules = new NetworkPolicyRules(model);
        if (model.Services.FirstOrDefault(s => s.IsPublic) is { } gateway)
        {
            yield return rules.IngressController(target, gateway, environment.VpcCidr);
        }

        if (target.Stores == StoreMode.Managed)
        {
            // Managed stores live in the environment's private range (Terraform places them there).
            foreach (var edge in model.Edges.Where(e => model.FindDataStore(e.TargetWorkload) is not null))
            {
                yield return rules.EdgeToPrivateRange(edge, environment.VpcCidr);
            }
        }
    }

    private IEnumerable<object> ManagedStores() => model.DataStores.Select(store => new V1Service
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = KubernetesLabels.Metadata(model.ApplicationName, store.Name, store.Name),
        Spec = new V1ServiceSpec
        {
            Type = "ExternalName",
            ExternalName = model.Naming.ManagedStoreHost(environment.Name, store.Name),
            Ports = [new V1ServicePort { Name = store.Endpoint.Name, Port = store.Endpoint.Port, Protocol = "TCP" }],
        },
    });

    private IEnumerable<object> Rollouts()
    {
        yield return _rollouts.SuccessRate();
        var factory = new WorkloadFactory(model);
        foreach (var service in LongRunning)
        {
            yield return _rollouts.Rollout(service, environment.GetService(service.Name));
            if (_rollouts.UsesBlueGreen(service) && factory.Service(service, RolloutFactory.PreviewServiceName(service.Name)) is { } preview)
            {
                yield return preview;
            }
        }
    }

    private IEnumerable<object> Autoscaling()
    {
        foreach (var service in LongRunning)
        {
            var plan = environment.GetService(service.Name);
            if (plan.Autoscaling is { } autoscaling)
            {
                yield return new V2HorizontalPodAutoscaler
                {
                    ApiVersion = "autoscaling/v2",
                    Kind = "HorizontalPodAutoscaler",
                    Metadata = KubernetesLabels.Metadata(model.ApplicationName, service.Name, service.Name),
                    Spec = new V2HorizontalPodAutoscalerSpec
                    {
                        ScaleTargetRef = UsesRollouts
                            ? new V2CrossVersionObjectReference { ApiVersion = "argoproj.io/v1alpha1", Kind = "Rollout", Name = service.Name }
                            : new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = service.Name },
                        MinReplicas = autoscaling.MinReplicas,
                        MaxReplicas = autoscaling.MaxReplicas,
                        Metrics =
                        [
                            new V2MetricSpec
                            {
                                Type = "Resource",
                                Resource = new V2ResourceMetricSource
                                {
                                    Name = "cpu",
                                    Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = autoscaling.TargetCpuUtilization },
                                },
                            },
                        ],
                    },
                };
            }

            if (plan.MinimumReplicas > 1)
            {
                yield return new V1PodDisruptionBudget
                {
                    ApiVersion = "policy/v1",
                    Kind = "PodDisruptionBudget",
                    Metadata = KubernetesLabels.Metadata(model.ApplicationName, service.Name, service.Name),
                    Spec = new V1PodDisruptionBudgetSpec
                    {
                        MaxUnavailable = 1,
                        Selector = new V1LabelSelector { MatchLabels = KubernetesLabels.Selector(service.Name) },
                    },
                };
            }
        }
    }

    private Certificate Certificate(ServiceSpec gateway) => new(
        KubernetesLabels.Metadata(model.ApplicationName, TlsSecretName(gateway), gateway.Name),
        new CertificateSpec(TlsSecretName(gateway), [environment.Hostname], new IssuerReference("ClusterIssuer", CloudProfile.ClusterIssuer)));

    private static string TlsSecretName(ServiceSpec gateway) => $"{gateway.Name}-tls";

    private List<ConfigMapGenerator>? ParameterConfig()
    {
        var values = new ValueRenderer(model, environment, target);
        var generators = model.Services
            .Select(service => (service, literals: service.Environment
                .Where(v => !v.Value.IsSecret && v.Value.DependsOnParameters)
                .Select(v => BaseEmitter.Literal(v.Name, values.RenderPlain(v.Value)))
                .ToList()))
            .Where(s => s.literals.Count > 0)
            .Select(s => new ConfigMapGenerator(WorkloadFactory.ConfigMapName(s.service.Name), "merge", s.literals))
            .ToList();
        return generators.Count == 0 ? null : generators;
    }

    private List<ImageOverride> Images() => model.Services
        .Where(s => s.Image.BuiltFromSource)
        .Select(s => new ImageOverride(s.Image.Repository, model.Naming.ImageName(target, s.Name), environment.ImageTag))
        .ToList();

    private IEnumerable<object> WorkloadPatches()
    {
        foreach (var service in model.Services)
        {
            var plan = environment.GetService(service.Name);
            var podSpec = new V1PodSpec
            {
                Containers = [new V1Container { Name = service.Name, Resources = Sizing.Requirements(plan.Resources) }],
                InitContainers = service.WaitsForCompletionOf
                    .Select(model.FindService).OfType<ServiceSpec>().Where(s => s.Kind == WorkloadKind.RunToCompletion)
                    .Select(job => new V1Container { Name = $"wait-for-{job.Name}", Resources = Sizing.Requirements(environment.GetService(job.Name).Resources) })
                    .ToList() is { Count: > 0 } init ? init : null,
                TopologySpreadConstraints = environment.SpreadAcrossZones && service.Kind == WorkloadKind.LongRunning ? Spread(service) : null,
            };
            var template = new V1PodTemplateSpec { Spec = podSpec };
            var metadata = new V1ObjectMeta { Name = service.Name };
            if (service.Kind == WorkloadKind.RunToCompletion)
            {
                yield return new V1Job { ApiVersion = "batch/v1", Kind = "Job", Metadata = metadata, Spec = new V1JobSpec { Template = template } };
                continue;
            }

            // With Rollouts the Deployment only holds the pod template; without, replicas are fixed
            // unless an autoscaler owns them.
            int? replicas = UsesRollouts ? 0 : plan.Autoscaling is null ? plan.Replicas : null;
            yield return new V1Deployment { ApiVersion = "apps/v1", Kind = "Deployment", Metadata = metadata, Spec = new V1DeploymentSpec { Replicas = replicas, Template = template } };
        }
    }

    private List<V1TopologySpreadConstraint> Spread(ServiceSpec service) =>
    [
        new()
        {
            MaxSkew = 1,
            TopologyKey = "topology.kubernetes.io/zone",
            // On-premises clusters may have a single zone: prefer spreading rather than refuse to schedule.
            WhenUnsatisfiable = target.Cloud == Cloud.OnPrem ? "ScheduleAnyway" : "DoNotSchedule",
            LabelSelector = new V1LabelSelector { MatchLabels = KubernetesLabels.Selector(service.Name) },
        },
        new()
        {
            MaxSkew = 1,
            TopologyKey = "kubernetes.io/hostname",
            WhenUnsatisfiable = "ScheduleAnyway",
            LabelSelector = new V1LabelSelector { MatchLabels = KubernetesLabels.Selector(service.Name) },
        },
    ];

    private IEnumerable<object> IngressPatches()
    {
        if (model.Services.FirstOrDefault(s => s.IsPublic) is not { } gateway)
        {
            yield break;
        }

        var endpoint = gateway.Endpoints.First(e => e.IsExternal);
        var metadata = new V1ObjectMeta { Name = gateway.Name };
        if (target.Cloud == Cloud.Gcp)
        {
            metadata.Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["kubernetes.io/ingress.global-static-ip-name"] = model.Naming.PublicAddressName(environment.Name),
            };
        }

        yield return new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "Ingress",
            Metadata = metadata,
            Spec = new V1IngressSpec
            {
                Rules = [WorkloadFactory.IngressRule(gateway.Name, endpoint.Name, environment.Hostname)],
                Tls = [new V1IngressTLS { Hosts = [environment.Hostname], SecretName = CloudProfile.UsesCertManager(target.Cloud) ? TlsSecretName(gateway) : null }],
            },
        };
    }

    private IEnumerable<object> ServiceAccountPatches()
    {
        var subjects = model.Services.Select(s => s.Name).Append(InfrastructureNaming.SecretStoreIdentity);
        foreach (var subject in subjects)
        {
            if (CloudProfile.WorkloadIdentity(model.Naming, target, environment.Name, subject) is { } identity)
            {
                yield return new V1ServiceAccount
                {
                    ApiVersion = "v1",
                    Kind = "ServiceAccount",
                    Metadata = new V1ObjectMeta
                    {
                        Name = subject,
                        Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal) { [identity.Key] = identity.Value },
                    },
                };
            }
        }
    }
}
