using System.Collections.Immutable;
using AiNow.Publishing.Model;
using AiNow.Publishing.Settings;

namespace AiNow.Publishing.Reading;

/// <summary>
/// Resolves validated settings and per-resource overrides into one plan per environment. Precedence,
/// weakest first: the environment's values, <c>WithDeploymentOverrides</c> for all environments,
/// <c>WithDeploymentOverrides</c> for that environment, then the environment's <c>Services</c> entry.
/// </summary>
public static class EnvironmentPlanner
{
    /// <summary>The plans, in settings order.</summary>
    public static ImmutableArray<EnvironmentPlan> Plan(
        DeploymentSettings settings,
        IReadOnlyList<ServiceSpec> services,
        IReadOnlyDictionary<string, ResourceOverrides> resourceOverrides)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(resourceOverrides);

        return settings.Environments.Select(environment => PlanEnvironment(settings, environment, services, resourceOverrides)).ToImmutableArray();
    }

    private static EnvironmentPlan PlanEnvironment(
        DeploymentSettings settings,
        EnvironmentSettings environment,
        IReadOnlyList<ServiceSpec> services,
        IReadOnlyDictionary<string, ResourceOverrides> resourceOverrides)
    {
        var targets = environment.Clouds
            .Select(cloud =>
            {
                var profile = CloudTargets.Profile(cloud, settings);
                return new CloudTarget(
                    cloud,
                    CloudTargets.Region(environment, cloud, profile),
                    environment.Stores,
                    CloudTargets.Account(settings.Accounts, cloud),
                    profile,
                    CloudTargets.Network(environment, cloud),
                    InfrastructureNaming.TargetHostname(profile.Key, environment.Hostname));
            })
            .ToImmutableArray();

        var plans = services.Select(service => PlanService(environment, service, resourceOverrides.GetValueOrDefault(service.Name))).ToImmutableArray();
        var rollout = new RolloutPlan(environment.Rollout, environment.RequireApproval, settings.Analysis.SuccessRateThreshold, settings.Analysis.PrometheusAddress);
        var stores = environment.ManagedStores;
        var pools = environment.NodePools;
        return new EnvironmentPlan(
            environment.Name,
            environment.Hostname,
            settings.ImageTag,
            rollout,
            environment.SpreadAcrossZones,
            targets,
            plans,
            environment.Parameters.ToImmutableSortedDictionary(StringComparer.Ordinal),
            environment.PrimaryCloud ?? environment.Clouds[0],
            environment.ProductionGrade,
            environment.RequireDeployApproval,
            new ManagedStorePlan(stores.PostgresVersion, stores.RedisVersion, stores.Tier.ToString().ToLowerInvariant(), stores.HighAvailability, stores.StorageGb, stores.BackupRetentionDays, stores.DeletionProtection),
            new NodePoolPlan(pools.MinNodes, pools.MaxNodes, pools.NodeSize.ToString().ToLowerInvariant(), pools.MaxGpuNodes),
            new TelemetryPlan(settings.Telemetry.OtlpEndpoint, settings.Telemetry.OtlpProtocol),
            new InfrastructurePlan(settings.KubernetesVersion, settings.PublicDnsZone, settings.AcmeEmail, environment.Infrastructure.Zones, environment.Infrastructure.LogRetentionDays, environment.Infrastructure.AuditLogRetentionDays, environment.Infrastructure.EdgeRateLimit,
                environment.Infrastructure.TraceRetentionDays, environment.Infrastructure.TelemetryVolumeSize));
    }

    private static ServicePlan PlanService(EnvironmentSettings environment, ServiceSpec service, ResourceOverrides? fromResource)
    {
        ServiceOverrides?[] layers =
        [
            fromResource?.AllEnvironments,
            fromResource?.PerEnvironment.GetValueOrDefault(environment.Name),
            environment.Services.GetValueOrDefault(service.Name),
        ];

        var replicas = environment.Replicas;
        var resources = environment.Resources;
        var autoscaling = environment.Autoscaling;
        foreach (var layer in layers.OfType<ServiceOverrides>())
        {
            replicas = layer.Replicas ?? replicas;
            resources = layer.Resources ?? resources;
            autoscaling = layer.Autoscaling ?? autoscaling;
        }

        // A run-to-completion job runs once per release: one pod, never autoscaled.
        var longRunning = service.Kind == WorkloadKind.LongRunning;
        var autoscalingPlan = longRunning && autoscaling.Enabled
            ? new AutoscalingPlan(autoscaling.MinReplicas, autoscaling.MaxReplicas, autoscaling.TargetCpuUtilization)
            : null;
        return new ServicePlan(
            service.Name,
            longRunning ? autoscalingPlan?.MinReplicas ?? replicas : 1,
            new ResourceSizing(resources.CpuRequest, resources.CpuLimit, resources.MemoryRequest, resources.MemoryLimit),
            autoscalingPlan);
    }
}
