using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;
using k8s.Models;

namespace AiNow.Publishing.Kubernetes;

/// <summary>
/// In-cluster PostgreSQL and Redis: a StatefulSet with a volume claim template, a headless Service
/// named like the store (so connection strings are the same in-cluster and managed), its own
/// ServiceAccount and the restricted security context. The storage class comes from the cloud component.
/// </summary>
/// <param name="model">The deployment model.</param>
internal sealed class StoreFactory(DeploymentModel model)
{
    /// <summary>Placeholder storage class, replaced by each cloud component.</summary>
    public const string DefaultStorageClass = "standard";

    private const string DataVolume = "data";

    /// <summary>The Secret (made by External Secrets) holding a store's password.</summary>
    public static string SecretName(string store) => $"{store}-secrets";

    /// <summary>The storage class the output creates for in-cluster store volumes.</summary>
    public V1StorageClass StorageClass(StorageClassProfile profile) => new()
    {
        ApiVersion = "storage.k8s.io/v1",
        Kind = "StorageClass",
        Metadata = KubernetesLabels.Metadata(model.ApplicationName, profile.Name, null),
        Provisioner = profile.Provisioner,
        Parameters = new SortedKeyDictionary<string>(profile.Parameters),
        // Only in-cluster (non-production-grade) stores use it: a torn-down sandbox leaves no billed volumes.
        ReclaimPolicy = "Delete",
        VolumeBindingMode = "WaitForFirstConsumer",
        AllowVolumeExpansion = true,
    };

    /// <summary>The objects of one store.</summary>
    public IEnumerable<object> Objects(DataStoreSpec store)
    {
        yield return new V1ServiceAccount
        {
            ApiVersion = "v1",
            Kind = "ServiceAccount",
            Metadata = KubernetesLabels.Metadata(model.ApplicationName, store.Name, store.Name),
            AutomountServiceAccountToken = false,
        };
        yield return new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = KubernetesLabels.Metadata(model.ApplicationName, store.Name, store.Name),
            Spec = new V1ServiceSpec
            {
                ClusterIP = "None",
                Selector = KubernetesLabels.Selector(store.Name),
                Ports = [new V1ServicePort { Name = store.Endpoint.Name, Port = store.Endpoint.Port, TargetPort = store.Endpoint.Name, Protocol = "TCP" }],
            },
        };
        yield return StatefulSet(store);
    }

    private V1StatefulSet StatefulSet(DataStoreSpec store)
    {
        var values = new ValueRenderer(model, environment: null, target: null);
        var scratch = new List<(string Name, string Path)> { (PodSecurity.TmpVolumeName, "/tmp") };
        if (store.Kind == DataStoreKind.Postgres)
        {
            scratch.Add(("run", "/var/run/postgresql"));
        }

        var container = new V1Container
        {
            Name = store.Name,
            Image = $"{store.Image.Repository}:{store.Image.Tag}",
            ImagePullPolicy = "IfNotPresent",
            Command = store.Entrypoint is null ? null : [store.Entrypoint],
            Args = store.Arguments.IsDefaultOrEmpty ? null : store.Arguments.Select(a => a.IsSecret
                ? throw new NotSupportedException($"A secret in the arguments of '{store.Name}' would show in the pod spec; pass it as an environment variable.")
                : values.RenderPlain(a)).ToList(),
            Ports = [new V1ContainerPort { Name = store.Endpoint.Name, ContainerPort = store.Endpoint.TargetPort, Protocol = "TCP" }],
            Env = [.. store.Environment.Select(v => v.Value.IsSecret
                ? new V1EnvVar { Name = v.Name, ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = SecretName(store.Name), Key = v.Name } } }
                : new V1EnvVar { Name = v.Name, Value = values.RenderPlain(v.Value) }), .. CreatedDatabase(store)],
            Resources = Sizing.Requirements(model.InClusterStores.Resources),
            StartupProbe = TcpProbe(store, periodSeconds: 5, failureThreshold: 30),
            ReadinessProbe = TcpProbe(store, periodSeconds: 10, failureThreshold: 3),
            LivenessProbe = TcpProbe(store, periodSeconds: 20, failureThreshold: 3),
            SecurityContext = PodSecurity.Container(),
            VolumeMounts = [PodSecurity.Mount(DataVolume, DataPath(store.Kind)), .. scratch.Select(s => PodSecurity.Mount(s.Name, s.Path))],
        };

        return new V1StatefulSet
        {
            ApiVersion = "apps/v1",
            Kind = "StatefulSet",
            Metadata = ReleaseOrder.InWave(KubernetesLabels.Metadata(model.ApplicationName, store.Name, store.Name), ReleaseOrder.StoresWave),
            Spec = new V1StatefulSetSpec
            {
                Replicas = 1,
                ServiceName = store.Name,
                Selector = new V1LabelSelector { MatchLabels = KubernetesLabels.Selector(store.Name) },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = KubernetesLabels.For(model.ApplicationName, store.Name) },
                    Spec = new V1PodSpec
                    {
                        ServiceAccountName = store.Name,
                        AutomountServiceAccountToken = false,
                        EnableServiceLinks = false,
                        SecurityContext = PodSecurity.Pod(PodSecurity.StoreUser),
                        Containers = [container],
                        Volumes = scratch.Select(s => PodSecurity.ScratchVolume(s.Name)).ToList(),
                    },
                },
                VolumeClaimTemplates =
                [
                    new V1PersistentVolumeClaim
                    {
                        Metadata = new V1ObjectMeta { Name = DataVolume, Labels = KubernetesLabels.For(model.ApplicationName, store.Name) },
                        Spec = new V1PersistentVolumeClaimSpec
                        {
                            AccessModes = ["ReadWriteOnce"],
                            StorageClassName = DefaultStorageClass,
                            Resources = new V1VolumeResourceRequirements
                            {
                                Requests = new SortedKeyDictionary<ResourceQuantity>() { ["storage"] = new ResourceQuantity(model.InClusterStores.StorageSize) },
                            },
                        },
                    },
                ],
            },
        };
    }

    /// <summary>
    /// The official PostgreSQL image creates <c>POSTGRES_DB</c> on first start; without it only the
    /// <c>postgres</c> database exists and the migrator finds nothing to migrate.
    /// </summary>
    private static IEnumerable<V1EnvVar> CreatedDatabase(DataStoreSpec store)
    {
        if (store.Kind != DataStoreKind.Postgres)
        {
            return [];
        }

        var databases = store.Connections.Where(c => c.DatabaseName is not null).Select(c => c.DatabaseName!).Distinct(StringComparer.Ordinal).ToList();
        return databases.Count switch
        {
            0 => [],
            1 => [new V1EnvVar { Name = "POSTGRES_DB", Value = databases[0] }],
            _ => throw new NotSupportedException($"In-cluster '{store.Name}' would have to create {databases.Count} databases ({string.Join(", ", databases)}); it creates one. Give each database its own PostgreSQL server in the app model."),
        };
    }

    /// <summary>Where each store keeps its data (PostgreSQL 18 images keep PGDATA below /var/lib/postgresql).</summary>
    private static string DataPath(DataStoreKind kind) => kind == DataStoreKind.Postgres ? "/var/lib/postgresql" : "/data";

    private static V1Probe TcpProbe(DataStoreSpec store, int periodSeconds, int failureThreshold) => new()
    {
        TcpSocket = new V1TCPSocketAction { Port = store.Endpoint.Name },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = 3,
        FailureThreshold = failureThreshold,
    };
}

/// <summary>Requests and limits as Kubernetes resource requirements.</summary>
internal static class Sizing
{
    /// <summary>CPU and memory requests and limits.</summary>
    public static V1ResourceRequirements Requirements(ResourceSizing sizing) => new()
    {
        Requests = new SortedKeyDictionary<ResourceQuantity>()
        {
            ["cpu"] = new ResourceQuantity(sizing.CpuRequest),
            ["memory"] = new ResourceQuantity(sizing.MemoryRequest),
        },
        Limits = new SortedKeyDictionary<ResourceQuantity>()
        {
            ["cpu"] = new ResourceQuantity(sizing.CpuLimit),
            ["memory"] = new ResourceQuantity(sizing.MemoryLimit),
        },
    };
}
