namespace AiNow.Publishing.Settings;

/// <summary>One environment: where it runs and how big it is.</summary>
public sealed record EnvironmentSettings
{
    /// <summary>dev, staging, production: a DNS label.</summary>
    public required string Name { get; init; }

    /// <summary>The targets: any of <c>aws</c>, <c>gcp</c>, <c>digitalocean</c>, <c>onprem</c>.</summary>
    public IReadOnlyList<string> Clouds { get; init; } = KnownClouds.All;

    /// <summary>The region per cloud; clouds not listed use <see cref="DeploymentDefaults.Regions"/>.</summary>
    public IReadOnlyDictionary<string, string> Regions { get; init; } = DeploymentDefaults.Regions;

    /// <summary>Replicas of each long-running workload when not autoscaled.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>CPU and memory of each workload.</summary>
    public ResourceSettings Resources { get; init; } = new();

    /// <summary>Horizontal autoscaling of long-running workloads.</summary>
    public AutoscalingSettings Autoscaling { get; init; } = new();

    /// <summary>The public host name of the gateway.</summary>
    public required string Hostname { get; init; }

    /// <summary><c>in-cluster</c> or <c>managed</c> PostgreSQL and Redis (on-premises is always in-cluster).</summary>
    public string Stores { get; init; } = StoreModes.InCluster;

    /// <summary><c>none</c>, <c>canary</c> or <c>bluegreen</c>.</summary>
    public string Rollout { get; init; } = RolloutStrategies.None;

    /// <summary>True when a person must promote each release (needs canary or bluegreen).</summary>
    public bool RequireApproval { get; init; }

    /// <summary>True to spread replicas across zones and nodes.</summary>
    public bool SpreadAcrossZones { get; init; }

    /// <summary>The environment's private address range, shared with the infrastructure side.</summary>
    public string VpcCidr { get; init; } = "10.10.0.0/16";

    /// <summary>Per-workload overrides for this environment, by app-model resource name.</summary>
    public IReadOnlyDictionary<string, ServiceOverrides> Services { get; init; } = new Dictionary<string, ServiceOverrides>();

    /// <summary>Values of non-secret parameters (secrets never appear here: they live in the secret store).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
}

/// <summary>CPU and memory requests and limits, in Kubernetes quantity notation.</summary>
public sealed record ResourceSettings
{
    /// <summary>Requested CPU (<c>100m</c>).</summary>
    public string CpuRequest { get; init; } = "100m";

    /// <summary>CPU limit (at least the request).</summary>
    public string CpuLimit { get; init; } = "500m";

    /// <summary>Requested memory (<c>128Mi</c>).</summary>
    public string MemoryRequest { get; init; } = "128Mi";

    /// <summary>Memory limit (at least the request).</summary>
    public string MemoryLimit { get; init; } = "512Mi";
}

/// <summary>Horizontal autoscaling bounds.</summary>
public sealed record AutoscalingSettings
{
    /// <summary>True to autoscale long-running workloads.</summary>
    public bool Enabled { get; init; }

    /// <summary>The fewest replicas (at least 1).</summary>
    public int MinReplicas { get; init; } = 2;

    /// <summary>The most replicas (at least <see cref="MinReplicas"/>).</summary>
    public int MaxReplicas { get; init; } = 4;

    /// <summary>Target average CPU utilisation, 1 to 100 percent.</summary>
    public int TargetCpuUtilization { get; init; } = 70;
}

/// <summary>Overrides of one workload; null keeps the environment's value.</summary>
public sealed record ServiceOverrides
{
    /// <summary>Replicas when not autoscaled.</summary>
    public int? Replicas { get; init; }

    /// <summary>CPU and memory.</summary>
    public ResourceSettings? Resources { get; init; }

    /// <summary>Autoscaling bounds.</summary>
    public AutoscalingSettings? Autoscaling { get; init; }
}

/// <summary>The known clouds, as written in settings.</summary>
public static class KnownClouds
{
    /// <summary>Amazon Web Services.</summary>
    public const string Aws = "aws";

    /// <summary>Google Cloud.</summary>
    public const string Gcp = "gcp";

    /// <summary>DigitalOcean.</summary>
    public const string DigitalOcean = "digitalocean";

    /// <summary>Our own Kubernetes.</summary>
    public const string OnPrem = "onprem";

    /// <summary>All of them, in output order.</summary>
    public static IReadOnlyList<string> All { get; } = [Aws, Gcp, DigitalOcean, OnPrem];
}

/// <summary>Where stores run, as written in settings.</summary>
public static class StoreModes
{
    /// <summary>StatefulSets in the namespace.</summary>
    public const string InCluster = "in-cluster";

    /// <summary>The cloud's managed services.</summary>
    public const string Managed = "managed";

    /// <summary>Both.</summary>
    public static IReadOnlyList<string> All { get; } = [InCluster, Managed];
}

/// <summary>Rollout strategies, as written in settings.</summary>
public static class RolloutStrategies
{
    /// <summary>Rolling update.</summary>
    public const string None = "none";

    /// <summary>Argo Rollouts canary.</summary>
    public const string Canary = "canary";

    /// <summary>Argo Rollouts blue/green.</summary>
    public const string BlueGreen = "bluegreen";

    /// <summary>All of them.</summary>
    public static IReadOnlyList<string> All { get; } = [None, Canary, BlueGreen];
}
