namespace AiNow.Publishing.Settings;

/// <summary>
/// The defaults: dev small with in-cluster stores and plain rolling updates; staging and production
/// on managed stores with more replicas, autoscaling and progressive delivery (canary in staging,
/// blue/green with manual promotion in production); every environment on all four targets.
/// </summary>
public static class DeploymentDefaults
{
    /// <summary>The default region of each cloud.</summary>
    public static IReadOnlyDictionary<string, string> Regions { get; } = new Dictionary<string, string>
    {
        [KnownClouds.Aws] = "us-east-1",
        [KnownClouds.Gcp] = "us-central1",
        [KnownClouds.DigitalOcean] = "nyc3",
        [KnownClouds.OnPrem] = "dc1",
    };

    /// <summary>dev.</summary>
    public static EnvironmentSettings Dev { get; } = new()
    {
        Name = "dev",
        Hostname = "dev.api.ainow.example.com",
        Replicas = 1,
        Resources = new() { CpuRequest = "100m", CpuLimit = "500m", MemoryRequest = "128Mi", MemoryLimit = "512Mi" },
        Autoscaling = new() { Enabled = false },
        Stores = StoreModes.InCluster,
        Rollout = RolloutStrategies.None,
        VpcCidr = "10.10.0.0/16",
    };

    /// <summary>staging.</summary>
    public static EnvironmentSettings Staging { get; } = new()
    {
        Name = "staging",
        Hostname = "staging.api.ainow.example.com",
        Replicas = 2,
        Resources = new() { CpuRequest = "250m", CpuLimit = "1", MemoryRequest = "256Mi", MemoryLimit = "1Gi" },
        Autoscaling = new() { Enabled = true, MinReplicas = 2, MaxReplicas = 4, TargetCpuUtilization = 70 },
        Stores = StoreModes.Managed,
        Rollout = RolloutStrategies.Canary,
        VpcCidr = "10.20.0.0/16",
    };

    /// <summary>production.</summary>
    public static EnvironmentSettings Production { get; } = new()
    {
        Name = "production",
        Hostname = "api.ainow.example.com",
        Replicas = 3,
        Resources = new() { CpuRequest = "500m", CpuLimit = "2", MemoryRequest = "512Mi", MemoryLimit = "2Gi" },
        Autoscaling = new() { Enabled = true, MinReplicas = 3, MaxReplicas = 10, TargetCpuUtilization = 70 },
        Stores = StoreModes.Managed,
        Rollout = RolloutStrategies.BlueGreen,
        RequireApproval = true,
        SpreadAcrossZones = true,
        VpcCidr = "10.30.0.0/16",
    };

    /// <summary>dev, staging and production.</summary>
    public static IReadOnlyList<EnvironmentSettings> Environments { get; } = [Dev, Staging, Production];
}
