using AiNow.Publishing.Kubernetes.Ingress;
using AiNow.Publishing.Kubernetes.Kustomize;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;
using k8s.Models;

namespace AiNow.Publishing.Kubernetes;

/// <summary>
/// What an overlay changes in the base: sizes and zone spreading, Deployments handed to Rollouts,
/// the public hosts, TLS and paths, workload identity and pull secrets, GKE's NEG, images and the
/// per-environment configuration.
/// </summary>
internal sealed class OverlayPatches(DeploymentModel model, EnvironmentPlan environment, CloudTarget target, OverlayObjects objects)
{
    private readonly IngressController _ingress = IngressController.For(target.Profile.IngressMode, model);

    public IEnumerable<object> Workloads()
    {
        foreach (var service in model.Services)
        {
            var plan = environment.GetService(service.Name);
            var podSpec = new V1PodSpec
            {
                Containers = [new V1Container { Name = service.Name, Resources = Sizing.Requirements(plan.Resources) }],
                TopologySpreadConstraints = environment.SpreadAcrossZones && service.Kind == WorkloadKind.LongRunning ? Spread(service) : null,
            };
            var template = new V1PodTemplateSpec { Spec = podSpec };
            var metadata = new V1ObjectMeta { Name = service.Name };
            if (service.Kind == WorkloadKind.RunToCompletion)
            {
                yield return new V1Job { ApiVersion = "batch/v1", Kind = "Job", Metadata = metadata, Spec = new V1JobSpec { Template = template } };
                continue;
            }

            // A Rollout takes the Deployment's template and scales it to zero; otherwise replicas are
            // fixed unless an autoscaler owns them.
            int? replicas = objects.UsesRollout(service) ? 0 : plan.Autoscaling is null ? plan.Replicas : null;
            yield return new V1Deployment { ApiVersion = "apps/v1", Kind = "Deployment", Metadata = metadata, Spec = new V1DeploymentSpec { Replicas = replicas, Template = template } };
        }
    }

    public IEnumerable<object> Ingress()
    {
        if (objects.Gateway is not { } gateway)
        {
            yield break;
        }

        var endpoint = gateway.Endpoints.First(e => e.IsExternal);
        var metadata = new V1ObjectMeta { Name = gateway.Name, Annotations = _ingress.EnvironmentAnnotations(environment.Name) };

        var secretName = target.Profile.CertificateMode == CertificateMode.CertManagerDns01 ? OverlayObjects.TlsSecretName(gateway) : null;
        yield return new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "Ingress",
            Metadata = metadata,
            Spec = new V1IngressSpec
            {
                Rules = objects.PublicHosts.Select(host => WorkloadFactory.IngressRule(gateway.Name, endpoint.Name, host)).ToList(),
                Tls = [new V1IngressTLS { Hosts = objects.PublicHosts, SecretName = secretName }],
            },
        };
    }

    public IEnumerable<object> Services() => objects.Gateway is { } gateway ? _ingress.ServicePatches(gateway) : [];

    /// <summary>The ingress controller's per-environment patches (GKE: the Cloud Armor policy on the gateway's BackendConfig).</summary>
    public IEnumerable<object> Edge() => objects.Gateway is { } gateway ? _ingress.EnvironmentPatches(environment.Name, gateway) : [];

    public IEnumerable<object> ServiceAccounts()
    {
        var pullSecret = target.Profile.RegistryAccess == RegistryAccess.PullSecret;
        var stores = target.Stores == StoreMode.InCluster ? model.DataStores.Select(s => s.Name).ToList() : [];
        var subjects = model.IdentitySubjects.Concat(stores);
        foreach (var subject in subjects)
        {
            // Stores need no cloud identity; workloads and the secret controller do.
            var identity = stores.Contains(subject) ? null : target.Profile.WorkloadIdentity(model.Naming, target.Account.AccountId, environment.Name, subject);
            var pulls = pullSecret && subject != InfrastructureNaming.SecretStoreIdentity;
            if (identity is null && !pulls)
            {
                continue;
            }

            yield return new V1ServiceAccount
            {
                ApiVersion = "v1",
                Kind = "ServiceAccount",
                Metadata = new V1ObjectMeta
                {
                    Name = subject,
                    Annotations = identity is { } bound ? new SortedKeyDictionary<string>() { [bound.Key] = bound.Value } : null,
                },
                ImagePullSecrets = pulls ? [new V1LocalObjectReference { Name = InfrastructureNaming.ImagePullSecret }] : null,
            };
        }
    }

    /// <summary>The application's images from the cloud's registry; on sites without internet, the stores' images from the mirror.</summary>
    public List<ImageOverride> Images()
    {
        var images = model.Services
            .Where(s => s.Image.BuiltFromSource)
            .Select(s => new ImageOverride(s.Image.Repository, model.Naming.ImageName(target, s.Name), environment.ImageTag))
            .ToList();
        if (target.Profile.MirrorsThirdPartyImages && target.Stores == StoreMode.InCluster)
        {
            images.AddRange(model.DataStores.Select(s => new ImageOverride(s.Image.Repository, InfrastructureNaming.MirroredImageName(target, s.Image.Repository), s.Image.Tag!)));
        }

        return images;
    }

    /// <summary>Per-environment configuration merged into the base ConfigMaps: parameter values, and the proxies the gateway trusts.</summary>
    public List<ConfigMapGenerator>? Configuration()
    {
        var values = new ValueRenderer(model, environment, target);
        var generators = new List<ConfigMapGenerator>();
        foreach (var service in model.Services)
        {
            var literals = service.Environment
                .Where(v => !v.Value.IsSecret && v.Value.DependsOnParameters)
                .Select(v => BaseEmitter.Literal(v.Name, values.RenderPlain(v.Value)))
                .ToList();
            if (service.IsPublic)
            {
                literals.Add(BaseEmitter.Literal(TrustedProxiesVariable, string.Join(",", target.Profile.IngressSourceRanges(target.Network))));
            }

            if (service.Environment.Any(v => !v.Value.IsSecret))
            {
                // Telemetry goes to the environment's collector (the rollout analysis reads its metrics).
                literals.Add(BaseEmitter.Literal("OTEL_EXPORTER_OTLP_ENDPOINT", environment.Telemetry.OtlpEndpoint));
                literals.Add(BaseEmitter.Literal("OTEL_EXPORTER_OTLP_PROTOCOL", environment.Telemetry.OtlpProtocol));
            }

            if (literals.Count > 0)
            {
                generators.Add(new ConfigMapGenerator(WorkloadFactory.ConfigMapName(service.Name), "merge", literals));
            }
        }

        return generators.Count == 0 ? null : generators;
    }

    /// <summary>The gateway's setting (ServiceDefaults) naming the only peers whose X-Forwarded-* headers it believes.</summary>
    public const string TrustedProxiesVariable = "ForwardedHeaders__TrustedNetworks";

    /// <summary>
    /// Replicas over zones where the cloud has them (required on zonal clouds, preferred on a site),
    /// and over nodes everywhere. DigitalOcean nodes carry no zone label: a required zone spread
    /// would leave every pod Pending there.
    /// </summary>
    private List<V1TopologySpreadConstraint> Spread(ServiceSpec service)
    {
        var selector = new V1LabelSelector { MatchLabels = KubernetesLabels.Selector(service.Name) };
        var constraints = new List<V1TopologySpreadConstraint>();
        if (target.Profile.Zones != ZoneTopology.None)
        {
            constraints.Add(new()
            {
                MaxSkew = 1,
                TopologyKey = "topology.kubernetes.io/zone",
                WhenUnsatisfiable = target.Profile.Zones == ZoneTopology.Zonal ? "DoNotSchedule" : "ScheduleAnyway",
                LabelSelector = selector,
            });
        }

        constraints.Add(new()
        {
            MaxSkew = 1,
            TopologyKey = "kubernetes.io/hostname",
            WhenUnsatisfiable = "ScheduleAnyway",
            LabelSelector = selector,
        });
        return constraints;
    }
}
