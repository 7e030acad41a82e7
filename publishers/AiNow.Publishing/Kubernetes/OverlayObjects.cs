using AiNow.Publishing.Kubernetes.Crds;
using AiNow.Publishing.Kubernetes.Ingress;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;
using k8s.Models;

namespace AiNow.Publishing.Kubernetes;

/// <summary>
/// The objects an overlay adds for one environment on one cloud: namespace, storage class, secrets
/// by reference, per-cloud network policies, managed-store addresses, Rollouts, autoscaling and the
/// public certificate.
/// </summary>
internal sealed class OverlayObjects(DeploymentModel model, EnvironmentPlan environment, CloudTarget target)
{
    private const string PodSecurityLevel = "restricted";

    private readonly RolloutFactory _rollouts = new(model, environment);
    private readonly IngressController _ingress = IngressController.For(target.Profile.IngressMode, model);

    public ServiceSpec? Gateway => model.Services.FirstOrDefault(s => s.IsPublic);

    public IEnumerable<ServiceSpec> LongRunning => model.Services.Where(s => s.Kind == WorkloadKind.LongRunning);

    public V1Namespace Namespace()
    {
        var labels = KubernetesLabels.For(model.ApplicationName, null);
        foreach (var mode in new[] { "enforce", "audit", "warn" })
        {
            labels[$"pod-security.kubernetes.io/{mode}"] = PodSecurityLevel;
            labels[$"pod-security.kubernetes.io/{mode}-version"] = "latest";
        }

        foreach (var (key, value) in _ingress.NamespaceLabels)
        {
            labels[key] = value;
        }

        return new V1Namespace
        {
            ApiVersion = "v1",
            Kind = "Namespace",
            Metadata = new V1ObjectMeta { Name = model.Naming.Namespace(environment.Name), Labels = labels },
        };
    }

    /// <summary>The storage class of in-cluster store volumes, when this cloud's output creates it.</summary>
    public IEnumerable<object> StorageClasses()
    {
        var storageClass = target.Profile.StorageClass(target.Account.StorageClass);
        if (target.Stores == StoreMode.InCluster && !model.DataStores.IsDefaultOrEmpty && storageClass.CreatedByOutput)
        {
            yield return new StoreFactory(model).StorageClass(storageClass);
        }
    }

    /// <summary>Every secret-store entry the overlay's ExternalSecrets read, in ordinal order: what the infrastructure side must create.</summary>
    public IReadOnlyList<string> RemoteKeys() =>
        Secrets().OfType<ExternalSecret>()
            .SelectMany(e => e.Spec.Data)
            .Select(d => d.RemoteRef.Key)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    public IEnumerable<object> Secrets()
    {
        var secrets = new SecretsFactory(model, environment, target);
        yield return secrets.Store();
        foreach (var service in model.Services)
        {
            if (secrets.ForVariables(service.Name, WorkloadFactory.SecretName(service.Name), service.Environment, service) is { } externalSecret)
            {
                yield return externalSecret;
            }

            foreach (var optional in secrets.ForOptionalVariables(service))
            {
                yield return optional;
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

        if (target.Profile.RegistryAccess == RegistryAccess.PullSecret)
        {
            yield return secrets.RegistryCredentials();
        }
    }

    public IEnumerable<object> NetworkPolicies()
    {
        var rules = new NetworkPolicyRules(model);
        yield return rules.AllowDns(target);
        if (environment.Telemetry.CollectorNamespace is { } collectorNamespace)
        {
            yield return rules.TelemetryExport(environment.Telemetry, collectorNamespace);
        }
        if (Gateway is { } gateway)
        {
            yield return rules.IngressController(target, gateway);
        }

        if (_ingress.ServesAcmeSolvers && target.Profile.CertificateMode == CertificateMode.CertManagerDns01)
        {
            // The ClusterIssuer is the site's choice; if it solves HTTP-01, its solver must be reachable.
            yield return rules.AcmeSolver(target);
        }

        if (target.Stores == StoreMode.Managed)
        {
            foreach (var edge in model.Edges)
            {
                if (model.FindDataStore(edge.TargetWorkload) is { } store)
                {
                    yield return rules.EdgeToManagedStore(edge, model.StoreAddress(environment, target, store));
                }
            }
        }
    }

    /// <summary>ExternalName Services named like the stores, on the port the managed store really listens on.</summary>
    public IEnumerable<object> ManagedStores() => model.DataStores.Select(store =>
    {
        var address = model.StoreAddress(environment, target, store);
        return new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = KubernetesLabels.Metadata(model.ApplicationName, store.Name, store.Name),
            Spec = new V1ServiceSpec
            {
                Type = "ExternalName",
                ExternalName = address.Host,
                Ports = [new V1ServicePort { Name = store.Endpoint.Name, Port = address.Port, Protocol = "TCP" }],
            },
        };
    });

    public IEnumerable<object> Rollouts()
    {
        var released = LongRunning.Where(_rollouts.UsesRollout).ToList();
        if (released.Count == 0)
        {
            yield break;
        }

        yield return _rollouts.SuccessRate();
        var factory = new WorkloadFactory(model);
        foreach (var service in released)
        {
            yield return _rollouts.Rollout(service, environment.GetService(service.Name));
            if (_rollouts.UsesBlueGreen(service) && factory.Service(service, RolloutFactory.PreviewServiceName(service.Name)) is { } preview)
            {
                yield return preview;
            }
        }
    }

    public bool UsesRollout(ServiceSpec service) => _rollouts.UsesRollout(service);

    public IEnumerable<object> Autoscaling()
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
                    Metadata = ReleaseOrder.InWave(KubernetesLabels.Metadata(model.ApplicationName, service.Name, service.Name), ReleaseOrder.ScalingWave),
                    Spec = new V2HorizontalPodAutoscalerSpec
                    {
                        ScaleTargetRef = UsesRollout(service)
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
                    Metadata = ReleaseOrder.InWave(KubernetesLabels.Metadata(model.ApplicationName, service.Name, service.Name), ReleaseOrder.ScalingWave),
                    Spec = new V1PodDisruptionBudgetSpec
                    {
                        MaxUnavailable = 1,
                        Selector = new V1LabelSelector { MatchLabels = KubernetesLabels.Selector(service.Name) },
                    },
                };
            }
        }
    }

    /// <summary>The gateway's certificate for the global and the target's own host name, from the DNS-01 ClusterIssuer.</summary>
    public IEnumerable<object> Certificates()
    {
        if (target.Profile.CertificateMode != CertificateMode.CertManagerDns01 || Gateway is not { } gateway)
        {
            yield break;
        }

        yield return new Certificate(
            ReleaseOrder.InWave(KubernetesLabels.Metadata(model.ApplicationName, TlsSecretName(gateway), gateway.Name), ReleaseOrder.EdgeWave),
            new CertificateSpec(TlsSecretName(gateway), PublicHosts, new IssuerReference("ClusterIssuer", IngressController.ClusterIssuer)));
    }

    /// <summary>What the ingress controller needs beside the Ingress (GKE's BackendConfig).</summary>
    public IEnumerable<object> IngressObjects() => Gateway is { } gateway ? _ingress.Objects(gateway) : [];

    /// <summary>The names the gateway answers on: the environment's global name and the target's own.</summary>
    public List<string> PublicHosts => [environment.Hostname, target.Hostname];

    public static string TlsSecretName(ServiceSpec gateway) => $"{gateway.Name}-tls";
}
