using System.Collections.Immutable;
using AiNow.Publishing.Model;
using AiNow.Publishing.Settings;

namespace AiNow.Publishing.Reading;

/// <summary>
/// Resolves validated settings and per-resource overrides into one plan per environment. Precedence,
/// weakest first: the environment's values, <c>PublishAsKubernetesService</c> for all environments,
/// <c>PublishAsKubernetesService</c> for that environment, then the environment's <c>Services</c> entry.
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
            .Select(cloud => new CloudTarget(
                ParseCloud(cloud),
                DeploymentSettingsValidator.ResolveRegion(environment, cloud)!,
                cloud == KnownClouds.OnPrem || environment.Stores == StoreModes.InCluster ? StoreMode.InCluster : StoreMode.Managed,
                Account(settings.Accounts, cloud)))
            .ToImmutableArray();

        var plans = services.Select(service => PlanService(environment, service, resourceOverrides.GetValueOrDefault(service.Name))).ToImmutableArray();
        var rollout = new RolloutPlan(
            environment.Rollout switch
            {
                RolloutStrategies.Canary => RolloutStrategy.Canary,
                RolloutStrategies.BlueGreen => RolloutStrategy.BlueGreen,
                _ => RolloutStrategy.None,
            },
            environment.RequireApproval,
            settings.Analysis.SuccessRateThreshold,
            settings.Analysis.PrometheusAddress);

        return new EnvironmentPlan(
            environment.Name,
            environment.Hostname,
            settings.ImageTag,
            rollout,
            environment.SpreadAcrossZones,
            environment.VpcCidr,
            targets,
            plans,
            environment.Parameters.ToImmutableSortedDictionary(StringComparer.Ordinal));
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

    private static Cloud ParseCloud(string cloud) => cloud switch
    {
        KnownClouds.Aws => Cloud.Aws,
        KnownClouds.Gcp => Cloud.Gcp,
        KnownClouds.DigitalOcean => Cloud.DigitalOcean,
        KnownClouds.OnPrem => Cloud.OnPrem,
        _ => throw new ArgumentOutOfRangeException(nameof(cloud), cloud, "Unknown cloud (the settings validator should have caught it)."),
    };

    private static CloudAccount Account(CloudAccounts accounts, string cloud) => cloud switch
    {
        KnownClouds.Aws => new CloudAccount(accounts.Aws.AccountId, accounts.Aws.StorageClass, null),
        KnownClouds.Gcp => new CloudAccount(accounts.Gcp.ProjectId, accounts.Gcp.StorageClass, null),
        KnownClouds.DigitalOcean => new CloudAccount(accounts.DigitalOcean.RegistryName, accounts.DigitalOcean.StorageClass, accounts.DigitalOcean.VaultAddress),
        _ => new CloudAccount(accounts.OnPrem.Registry, accounts.OnPrem.StorageClass, accounts.OnPrem.VaultAddress),
    };
}
