using AiNow.Publishing.Model;

namespace AiNow.Publishing.Settings;

/// <summary>
/// The defaults: dev small with in-cluster stores and plain rolling updates; staging and production
/// on managed stores with more replicas and autoscaling, both released blue/green with manual
/// promotion, so every release rehearses in staging exactly the path it then takes in production.
/// Every environment on all four targets.
/// </summary>
public static class DeploymentDefaults
{
    /// <summary>dev.</summary>
    public static EnvironmentSettings Dev { get; } = new()
    {
        Name = "dev",
        Hostname = "dev.api.ainow.example.com",
        Replicas = 1,
        Resources = new() { CpuRequest = "100m", CpuLimit = "500m", MemoryRequest = "128Mi", MemoryLimit = "512Mi" },
        Autoscaling = new() { Enabled = false },
        Stores = StoreMode.InCluster,
        Rollout = RolloutStrategy.None,
        VpcCidr = "10.10.0.0/16",
        NodePools = new() { MinNodes = 1, MaxNodes = 3 },
        Infrastructure = new() { Zones = 2, LogRetentionDays = 14, AuditLogRetentionDays = 90, TraceRetentionDays = 7 },
    };

    /// <summary>staging: production's delivery path (blue/green, manual promotion) on smaller stores.</summary>
    public static EnvironmentSettings Staging { get; } = new()
    {
        Name = "staging",
        Hostname = "staging.api.ainow.example.com",
        Replicas = 2,
        Resources = new() { CpuRequest = "250m", CpuLimit = "1", MemoryRequest = "256Mi", MemoryLimit = "1Gi" },
        Autoscaling = new() { Enabled = true, MinReplicas = 2, MaxReplicas = 4, TargetCpuUtilization = 70 },
        Stores = StoreMode.Managed,
        Rollout = RolloutStrategy.BlueGreen,
        RequireApproval = true,
        VpcCidr = "10.20.0.0/16",
        ManagedStores = new() { Tier = StoreTier.Small, BackupRetentionDays = 7 },
        NodePools = new() { MinNodes = 2, MaxNodes = 5 },
    };

    /// <summary>production.</summary>
    public static EnvironmentSettings Production { get; } = new()
    {
        Name = "production",
        Hostname = "api.ainow.example.com",
        Replicas = 3,
        Resources = new() { CpuRequest = "500m", CpuLimit = "2", MemoryRequest = "512Mi", MemoryLimit = "2Gi" },
        Autoscaling = new() { Enabled = true, MinReplicas = 3, MaxReplicas = 10, TargetCpuUtilization = 70 },
        Stores = StoreMode.Managed,
        ProductionGrade = true,
        Rollout = RolloutStrategy.BlueGreen,
        RequireApproval = true,
        RequireDeployApproval = true,
        SpreadAcrossZones = true,
        VpcCidr = "10.30.0.0/16",
        ManagedStores = new() { Tier = StoreTier.Medium, HighAvailability = true, StorageGb = 100, BackupRetentionDays = 30, DeletionProtection = true },
        NodePools = new() { MinNodes = 3, MaxNodes = 10, NodeSize = StoreTier.Medium },
        Infrastructure = new() { LogRetentionDays = 365, AuditLogRetentionDays = 731, TraceRetentionDays = 30 },
    };

    /// <summary>dev, staging and production.</summary>
    public static IReadOnlyList<EnvironmentSettings> Environments { get; } = [Dev, Staging, Production];
}
