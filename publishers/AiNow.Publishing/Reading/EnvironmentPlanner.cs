using System.Collections.Immutable;
using System.Net;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;
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

    /// <summary>The profile of <paramref name="cloud"/> under <paramref name="settings"/> (on-premises takes the site's store ports).</summary>
    public static CloudProfile Profile(Cloud cloud, DeploymentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var site = settings.Accounts.OnPrem;
        return cloud switch
        {
            Cloud.Aws => new AwsProfile(),
            Cloud.Gcp => new GcpProfile(),
            Cloud.DigitalOcean => new DigitalOceanProfile(),
            Cloud.OnPrem => new OnPremProfile(
                new StoreEndpointProfile(site.PostgresPort, site.StoresUseTls, "the site's PostgreSQL"),
                new StoreEndpointProfile(site.RedisPort, site.StoresUseTls, "the site's Redis")),
            _ => throw new ArgumentOutOfRangeException(nameof(cloud), cloud, "Unknown cloud."),
        };
    }

    /// <summary>The region of <paramref name="cloud"/>: the environment's, or the profile's default.</summary>
    public static string Region(EnvironmentSettings environment, Cloud cloud, CloudProfile profile) =>
        environment.Regions.TryGetValue(cloud, out var region) ? region : profile.DefaultRegion;

    /// <summary>
    /// The private range of each target: explicit in <c>Networks</c>, otherwise the n-th block after
    /// <c>VpcCidr</c> for the n-th cloud in the order of <see cref="Cloud"/> (so adding a cloud never
    /// moves another's range).
    /// </summary>
    public static string Network(EnvironmentSettings environment, Cloud cloud)
    {
        if (environment.Networks.TryGetValue(cloud, out var explicitRange))
        {
            return explicitRange;
        }

        var baseRange = IPNetwork.Parse(environment.VpcCidr);
        var bytes = baseRange.BaseAddress.GetAddressBytes();
        var value = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
        value += (uint)cloud << (32 - baseRange.PrefixLength);
        return $"{value >> 24}.{(value >> 16) & 0xff}.{(value >> 8) & 0xff}.{value & 0xff}/{baseRange.PrefixLength}";
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
                var profile = Profile(cloud, settings);
                return new CloudTarget(
                    cloud,
                    Region(environment, cloud, profile),
                    environment.Stores,
                    Account(settings.Accounts, cloud),
                    profile,
                    Network(environment, cloud),
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
            new TelemetryPlan(settings.Telemetry.OtlpEndpoint, settings.Telemetry.OtlpProtocol));
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

    /// <summary>The account identifiers of <paramref name="cloud"/> from the settings.</summary>
    public static CloudAccount Account(CloudAccounts accounts, Cloud cloud) => cloud switch
    {
        Cloud.Aws => new CloudAccount(accounts.Aws.AccountId, accounts.Aws.StorageClass, null),
        Cloud.Gcp => new CloudAccount(accounts.Gcp.ProjectId, accounts.Gcp.StorageClass, null),
        Cloud.DigitalOcean => new CloudAccount(accounts.DigitalOcean.RegistryName, accounts.DigitalOcean.StorageClass, accounts.DigitalOcean.VaultAddress, accounts.DigitalOcean.VaultCaBundle),
        _ => new CloudAccount(accounts.OnPrem.Registry, accounts.OnPrem.StorageClass ?? "", accounts.OnPrem.VaultAddress, accounts.OnPrem.VaultCaBundle),
    };
}
