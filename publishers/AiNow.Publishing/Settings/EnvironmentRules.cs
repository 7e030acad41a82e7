using System.Net;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Settings;

/// <summary>Rules for each environment: names, targets and regions, stores, rollout, networks and parameters.</summary>
internal static class EnvironmentRules
{
    public static void Validate(DeploymentSettings settings, SettingsScope scope, List<SettingError> errors)
    {
        if (settings.Environments is null || settings.Environments.Count == 0)
        {
            errors.Add(new("Environments", "no environment is defined.", "Define at least one environment, e.g. DeploymentDefaults.Environments."));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var environment in settings.Environments)
        {
            var path = $"Environments[{environment.Name}]";
            if (!SettingPatterns.DnsLabel().IsMatch(environment.Name ?? "") || environment.Name!.Length > 20)
            {
                errors.Add(new($"{path}.Name", $"'{environment.Name}' is not a DNS label of at most 20 characters.", "Use lower-case letters, digits and '-', e.g. 'staging'."));
            }
            else if (!seen.Add(environment.Name))
            {
                errors.Add(new($"{path}.Name", $"environment '{environment.Name}' is defined twice.", "Give every environment its own name."));
            }

            ValidateEnvironment(settings, environment, path, scope, errors);
        }

        ValidateNetworks(settings, errors);
    }

    private static void ValidateEnvironment(DeploymentSettings settings, EnvironmentSettings environment, string path, SettingsScope scope, List<SettingError> errors)
    {
        ValidateClouds(settings, environment, path, scope, errors);

        if (environment.Replicas < 1)
        {
            errors.Add(new($"{path}.Replicas", $"{environment.Replicas} replicas cannot serve anything.", "Set Replicas to 1 or more."));
        }

        SizingRules.ValidateResources($"{path}.Resources", environment.Resources, errors);
        SizingRules.ValidateAutoscaling($"{path}.Autoscaling", environment.Autoscaling, errors);

        if (!SettingPatterns.IsDnsName(environment.Hostname))
        {
            errors.Add(new($"{path}.Hostname", $"'{environment.Hostname}' is not a DNS name.", "Use a fully qualified host name such as 'api.example.com' (letters, digits, '-', dots; no scheme, port or path)."));
        }

        ValidateStores(environment, path, errors);

        if (!Enum.IsDefined(environment.Rollout))
        {
            errors.Add(new($"{path}.Rollout", $"'{environment.Rollout}' is not a rollout strategy.", $"Use one of: {string.Join(", ", Enum.GetNames<RolloutStrategy>())}."));
        }
        else if (environment.RequireApproval && environment.Rollout == RolloutStrategy.None)
        {
            errors.Add(new($"{path}.RequireApproval", "approval needs a release to pause at, and a plain rolling update has none.", "Set Rollout to Canary or BlueGreen, or RequireApproval to false."));
        }

        if (environment.NodePools.MinNodes < 1 || environment.NodePools.MaxNodes < environment.NodePools.MinNodes || environment.NodePools.MaxGpuNodes < 0)
        {
            errors.Add(new($"{path}.NodePools", $"node pool bounds {environment.NodePools.MinNodes}-{environment.NodePools.MaxNodes} (GPU up to {environment.NodePools.MaxGpuNodes}) are not a range.", "Use MinNodes of 1 or more, MaxNodes of at least MinNodes and MaxGpuNodes of 0 or more."));
        }

        foreach (var (service, overrides) in environment.Services.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var servicePath = $"{path}.Services[{service}]";
            if (!scope.Workloads.Contains(service))
            {
                errors.Add(new(servicePath, $"there is no workload '{service}' in the app model.", $"Use one of: {SettingPatterns.Join(scope.Workloads)}; or remove the entry."));
            }

            SizingRules.ValidateOverrides(servicePath, overrides, errors);
        }

        foreach (var (parameter, _) in environment.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var parameterPath = $"{path}.Parameters[{parameter}]";
            if (!scope.Parameters.TryGetValue(parameter, out var secret))
            {
                errors.Add(new(parameterPath, $"there is no parameter '{parameter}' in the app model.", $"Use one of: {SettingPatterns.Join(scope.Parameters.Where(p => !p.Value).Select(p => p.Key))}; or remove the entry."));
            }
            else if (secret)
            {
                var naming = new InfrastructureNaming(settings.ApplicationName ?? "");
                errors.Add(new(parameterPath, $"'{parameter}' is a secret, and secrets never appear in settings or manifests.", $"Remove it here and store the value in the secret store as '{naming.SecretName(environment.Name, parameter)}'."));
            }
        }
    }

    private static void ValidateStores(EnvironmentSettings environment, string path, List<SettingError> errors)
    {
        if (!Enum.IsDefined(environment.Stores))
        {
            errors.Add(new($"{path}.Stores", $"'{environment.Stores}' is not a store mode.", $"Use one of: {string.Join(", ", Enum.GetNames<StoreMode>())}."));
            return;
        }

        if (environment.ProductionGrade && environment.Stores == StoreMode.InCluster)
        {
            errors.Add(new($"{path}.Stores", "in-cluster stores run one replica each with no backups, no failover and no TLS, which a production-grade environment cannot rely on.", "Set Stores to Managed (on-premises: the site's own PostgreSQL and Redis, Accounts.OnPrem), or ProductionGrade to false."));
        }

        var stores = environment.ManagedStores;
        if (environment.Stores == StoreMode.Managed)
        {
            // RDS keeps at most 35 days; Cloud SQL keeps a day fewer of transaction logs than backups, so it needs 2.
            if (stores.BackupRetentionDays is < 2 or > 35)
            {
                errors.Add(new($"{path}.ManagedStores.BackupRetentionDays", $"{stores.BackupRetentionDays} days is outside what every cloud offers.", "Use 2 to 35 days."));
            }

            if (stores.StorageGb is < 10 or > 65536)
            {
                errors.Add(new($"{path}.ManagedStores.StorageGb", $"{stores.StorageGb} GiB is not a managed PostgreSQL disk every cloud offers.", "Use 10 to 65536 GiB."));
            }

            if (environment.ProductionGrade && (!stores.HighAvailability || stores.BackupRetentionDays < 7))
            {
                errors.Add(new($"{path}.ManagedStores", "a production-grade environment needs a standby in another zone and at least a week of backups.", "Set HighAvailability to true and BackupRetentionDays to 7 or more."));
            }
        }
    }

    private static void ValidateClouds(DeploymentSettings settings, EnvironmentSettings environment, string path, SettingsScope scope, List<SettingError> errors)
    {
        var known = string.Join(", ", Enum.GetValues<Cloud>().Select(Model.Clouds.CloudProfile.KeyOf));
        if (environment.Clouds is null || environment.Clouds.Count == 0)
        {
            errors.Add(new($"{path}.Clouds", "no cloud is targeted.", $"List at least one of: {known}."));
            return;
        }

        var seen = new HashSet<Cloud>();
        for (var i = 0; i < environment.Clouds.Count; i++)
        {
            var cloud = environment.Clouds[i];
            if (!Enum.IsDefined(cloud))
            {
                errors.Add(new($"{path}.Clouds[{i}]", $"'{cloud}' is not a known cloud.", $"Use one of: {known}."));
                continue;
            }

            if (!seen.Add(cloud))
            {
                errors.Add(new($"{path}.Clouds[{i}]", $"'{cloud}' is listed twice.", "List each cloud once."));
                continue;
            }

            var profile = CloudTargets.Profile(cloud, settings);
            var region = CloudTargets.Region(environment, cloud, profile);
            if (!profile.RegionPattern.IsMatch(region))
            {
                errors.Add(new($"{path}.Regions[{profile.Key}]", $"'{region}' is not a {profile.Key} region.", $"Use a region such as '{profile.DefaultRegion}'."));
            }

            ValidateNameLengths(settings, environment, profile, path, scope, errors);
            if (profile.StorageClassMustBeNamed && environment.Stores == StoreMode.InCluster && string.IsNullOrWhiteSpace(CloudTargets.Account(settings.Accounts, cloud).StorageClass))
            {
                errors.Add(new($"Accounts.{cloud}.StorageClass", $"environment '{environment.Name}' runs in-cluster stores on-premises, and no storage class is named for their volumes.", "Set it to a StorageClass that exists on the site's cluster (kubectl get storageclass)."));
            }
        }

        if (environment.PrimaryCloud is { } primary && !environment.Clouds.Contains(primary))
        {
            errors.Add(new($"{path}.PrimaryCloud", $"'{primary}' holds the system of record but is not one of the environment's clouds.", $"Use one of: {string.Join(", ", environment.Clouds)}, or leave it unset for the first."));
        }
    }

    private static void ValidateNameLengths(DeploymentSettings settings, EnvironmentSettings environment, Model.Clouds.CloudProfile profile, string path, SettingsScope scope, List<SettingError> errors)
    {
        var naming = new InfrastructureNaming(settings.ApplicationName ?? "");
        var cluster = naming.ClusterName(environment.Name);
        if (cluster.Length > profile.ClusterNameMaxLength)
        {
            errors.Add(new($"{path}.Name", $"the cluster name '{cluster}' has {cluster.Length} characters; {profile.Key} allows {profile.ClusterNameMaxLength}.", "Shorten the environment name or ApplicationName."));
        }

        var limit = profile.IdentityNameMaxLength;
        // External Secrets and the telemetry collector get identities of their own beside the workloads'.
        var longest = scope.Workloads.Append(InfrastructureNaming.SecretStoreIdentity).Append(Model.Clouds.KnownAddOns.CollectorIdentitySubject)
            .Select(w => naming.WorkloadIdentityName(environment.Name, w))
            .OrderByDescending(n => n.Length).ThenBy(n => n, StringComparer.Ordinal)
            .FirstOrDefault();
        if (longest is not null && longest.Length > limit)
        {
            errors.Add(new($"{path}.Name", $"the workload identity '{longest}' has {longest.Length} characters; {profile.Key} allows {limit}.", "Shorten the environment name or ApplicationName."));
        }
    }

    /// <summary>
    /// Every target's range must be private, of a size its cloud takes, and apart from every other's: clouds and
    /// environments may be joined by interconnects.
    /// </summary>
    private static void ValidateNetworks(DeploymentSettings settings, List<SettingError> errors)
    {
        var ranges = new List<(string Path, IPNetwork Network)>();
        foreach (var environment in settings.Environments)
        {
            var path = $"Environments[{environment.Name}]";
            if (!SettingPatterns.IsPrivateCidr(environment.VpcCidr))
            {
                errors.Add(new($"{path}.VpcCidr", $"'{environment.VpcCidr}' is not a private IPv4 range with a prefix of /8 to /24.", "Use an RFC 1918 range such as '10.20.0.0/16'."));
                continue;
            }

            foreach (var (cloud, range) in environment.Networks.OrderBy(n => n.Key))
            {
                if (!SettingPatterns.IsPrivateCidr(range))
                {
                    errors.Add(new($"{path}.Networks[{cloud}]", $"'{range}' is not a private IPv4 range with a prefix of /8 to /24.", "Use an RFC 1918 range such as '10.21.0.0/16'."));
                }
            }

            foreach (var cloud in (environment.Clouds ?? []).Where(Enum.IsDefined).Distinct())
            {
                var text = CloudTargets.Network(environment, cloud);
                var named = environment.Networks.ContainsKey(cloud);
                if (!SettingPatterns.IsPrivateCidr(text))
                {
                    // A range named in Networks is reported above, under its own name.
                    if (!named)
                    {
                        errors.Add(new($"{path}.VpcCidr", $"the range derived for {cloud} ('{text}') leaves the private address space.", $"Choose a lower VpcCidr or set Networks[{cloud}]."));
                    }

                    continue;
                }

                var network = IPNetwork.Parse(text);
                var profile = CloudTargets.Profile(cloud, settings);
                var (shortest, longest) = profile.NetworkPrefixLengths;
                if (network.PrefixLength < shortest || network.PrefixLength > longest)
                {
                    var sizes = $"/{shortest} to /{longest}";
                    errors.Add(named
                        ? new($"{path}.Networks[{cloud}]", $"'{text}' is a /{network.PrefixLength} range; the {profile.Key} foundation takes {sizes}.", $"Give Networks[{cloud}] a prefix from {sizes}.")
                        : new($"{path}.VpcCidr", $"the range derived for {cloud} ('{text}') is a /{network.PrefixLength}; the {profile.Key} foundation takes {sizes}.", $"Give VpcCidr a prefix from {sizes}, or set Networks[{cloud}]."));
                }

                var clash = ranges.FirstOrDefault(r => r.Network.Contains(network.BaseAddress) || network.Contains(r.Network.BaseAddress));
                if (clash.Path is not null)
                {
                    errors.Add(new($"{path}.Networks[{cloud}]", $"'{text}' overlaps {clash.Path} ('{clash.Network}'); interconnected clouds and environments need distinct ranges.", "Give each environment a VpcCidr far enough apart (each cloud takes the next block), or set Networks per cloud."));
                }

                ranges.Add(($"{path}.Networks[{cloud}]", network));
            }
        }
    }
}
