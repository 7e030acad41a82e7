using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Settings;

/// <summary>
/// Checks deployment settings before anything is emitted. Every error names the setting, says what
/// is wrong and how to fix it, so a failed publish is one edit away from a good one.
/// </summary>
public static partial class DeploymentSettingsValidator
{
    private const int GcpServiceAccountIdMaxLength = 30;
    private const int AwsRoleNameMaxLength = 64;

    /// <summary>Every problem found, in settings order; empty when the settings are valid.</summary>
    public static IReadOnlyList<SettingError> Validate(DeploymentSettings settings, SettingsScope scope)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(scope);

        var errors = new List<SettingError>();
        ValidateApplication(settings, errors);
        ValidateResources("InClusterStores.Resources", settings.InClusterStores.Resources, errors);
        if (Quantity.TryParse(settings.InClusterStores.StorageSize) is null or <= 0)
        {
            errors.Add(new("InClusterStores.StorageSize", $"'{settings.InClusterStores.StorageSize}' is not a storage size.", "Use a Kubernetes quantity such as 10Gi."));
        }

        ValidateAnalysis(settings.Analysis, errors);
        ValidateExternalEgress(settings, scope, errors);
        ValidateEnvironments(settings, scope, errors);
        ValidateResourceOverrides(settings, scope, errors);
        return errors;
    }

    /// <summary>Throws <see cref="InvalidDeploymentSettingsException"/> listing every problem, if any.</summary>
    public static void ThrowIfInvalid(DeploymentSettings settings, SettingsScope scope)
    {
        var errors = Validate(settings, scope);
        if (errors.Count > 0)
        {
            throw new InvalidDeploymentSettingsException(errors);
        }
    }

    private static void ValidateApplication(DeploymentSettings settings, List<SettingError> errors)
    {
        if (!DnsLabelPattern().IsMatch(settings.ApplicationName ?? "") || settings.ApplicationName!.Length > 12)
        {
            errors.Add(new("ApplicationName", $"'{settings.ApplicationName}' is not a DNS label of at most 12 characters.", "Use lower-case letters, digits and '-', starting with a letter, e.g. 'ainow'."));
        }

        if (string.IsNullOrWhiteSpace(settings.ImageTag) || !ImageTagPattern().IsMatch(settings.ImageTag))
        {
            errors.Add(new("ImageTag", $"'{settings.ImageTag}' is not an image tag.", "Use a release tag such as '1.4.2' (letters, digits, '.', '_', '-')."));
        }
        else if (string.Equals(settings.ImageTag, "latest", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new("ImageTag", "'latest' is not a pinned image tag: every node could run a different build.", "Use a release tag such as '1.4.2' or a commit SHA."));
        }

        var accounts = settings.Accounts;
        if (!AwsAccountPattern().IsMatch(accounts.Aws.AccountId ?? ""))
        {
            errors.Add(new("Accounts.Aws.AccountId", $"'{accounts.Aws.AccountId}' is not an AWS account id.", "Use the 12-digit account id, e.g. '111122223333'."));
        }

        if (!GcpProjectPattern().IsMatch(accounts.Gcp.ProjectId ?? ""))
        {
            errors.Add(new("Accounts.Gcp.ProjectId", $"'{accounts.Gcp.ProjectId}' is not a GCP project id.", "Use 6 to 30 lower-case letters, digits or '-', starting with a letter."));
        }

        if (!DnsLabelPattern().IsMatch(accounts.DigitalOcean.RegistryName ?? ""))
        {
            errors.Add(new("Accounts.DigitalOcean.RegistryName", $"'{accounts.DigitalOcean.RegistryName}' is not a registry name.", "Use the DigitalOcean container registry name, a DNS label such as 'ainow'."));
        }

        if (!RegistryPattern().IsMatch(accounts.OnPrem.Registry ?? ""))
        {
            errors.Add(new("Accounts.OnPrem.Registry", $"'{accounts.OnPrem.Registry}' is not a registry host.", "Use a host name with an optional port and path, e.g. 'registry.example.com:5000/team'."));
        }

        ValidateHttpsAddress("Accounts.DigitalOcean.VaultAddress", accounts.DigitalOcean.VaultAddress, errors);
        ValidateHttpsAddress("Accounts.OnPrem.VaultAddress", accounts.OnPrem.VaultAddress, errors);
        ValidateStorageClass("Accounts.Aws.StorageClass", accounts.Aws.StorageClass, errors);
        ValidateStorageClass("Accounts.Gcp.StorageClass", accounts.Gcp.StorageClass, errors);
        ValidateStorageClass("Accounts.DigitalOcean.StorageClass", accounts.DigitalOcean.StorageClass, errors);
        ValidateStorageClass("Accounts.OnPrem.StorageClass", accounts.OnPrem.StorageClass, errors);
    }

    private static void ValidateAnalysis(RolloutAnalysisSettings analysis, List<SettingError> errors)
    {
        if (analysis.SuccessRateThreshold is <= 0 or > 1)
        {
            errors.Add(new("Analysis.SuccessRateThreshold", $"{analysis.SuccessRateThreshold.ToString(CultureInfo.InvariantCulture)} is not a share between 0 and 1.", "Use a value such as 0.99 (99% of requests succeed)."));
        }

        if (!Uri.TryCreate(analysis.PrometheusAddress, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(new("Analysis.PrometheusAddress", $"'{analysis.PrometheusAddress}' is not an http(s) address.", "Use the Prometheus URL as seen from the cluster, e.g. 'http://prometheus-operated.monitoring.svc.cluster.local:9090'."));
        }
    }

    private static void ValidateExternalEgress(DeploymentSettings settings, SettingsScope scope, List<SettingError> errors)
    {
        foreach (var (service, ports) in settings.ExternalEgress.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var path = $"ExternalEgress[{service}]";
            if (!scope.Workloads.Contains(service))
            {
                errors.Add(new(path, $"there is no workload '{service}' in the app model.", $"Use one of: {Join(scope.Workloads)}; or remove the entry."));
            }

            if (ports is null || ports.Count == 0 || ports.Any(p => p is < 1 or > 65535))
            {
                errors.Add(new(path, "the ports must be a non-empty list of TCP ports from 1 to 65535.", "List the upstream's ports, e.g. [443]."));
            }
        }
    }

    private static void ValidateEnvironments(DeploymentSettings settings, SettingsScope scope, List<SettingError> errors)
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
            if (!DnsLabelPattern().IsMatch(environment.Name ?? "") || environment.Name!.Length > 20)
            {
                errors.Add(new($"{path}.Name", $"'{environment.Name}' is not a DNS label of at most 20 characters.", "Use lower-case letters, digits and '-', e.g. 'staging'."));
            }
            else if (!seen.Add(environment.Name))
            {
                errors.Add(new($"{path}.Name", $"environment '{environment.Name}' is defined twice.", "Give every environment its own name."));
            }

            ValidateEnvironment(settings, environment, path, scope, errors);
        }
    }

    private static void ValidateEnvironment(DeploymentSettings settings, EnvironmentSettings environment, string path, SettingsScope scope, List<SettingError> errors)
    {
        ValidateClouds(settings, environment, path, scope, errors);

        if (environment.Replicas < 1)
        {
            errors.Add(new($"{path}.Replicas", $"{environment.Replicas} replicas cannot serve anything.", "Set Replicas to 1 or more."));
        }

        ValidateResources($"{path}.Resources", environment.Resources, errors);
        ValidateAutoscaling($"{path}.Autoscaling", environment.Autoscaling, errors);

        if (!IsDnsName(environment.Hostname))
        {
            errors.Add(new($"{path}.Hostname", $"'{environment.Hostname}' is not a DNS name.", "Use a fully qualified host name such as 'api.example.com' (letters, digits, '-', dots; no scheme, port or path)."));
        }

        if (!StoreModes.All.Contains(environment.Stores))
        {
            errors.Add(new($"{path}.Stores", $"'{environment.Stores}' is not a store mode.", $"Use one of: {string.Join(", ", StoreModes.All)}."));
        }

        if (!RolloutStrategies.All.Contains(environment.Rollout))
        {
            errors.Add(new($"{path}.Rollout", $"'{environment.Rollout}' is not a rollout strategy.", $"Use one of: {string.Join(", ", RolloutStrategies.All)}."));
        }
        else if (environment.RequireApproval && environment.Rollout == RolloutStrategies.None)
        {
            errors.Add(new($"{path}.RequireApproval", "approval needs a release to pause at, and a plain rolling update has none.", "Set Rollout to 'canary' or 'bluegreen', or RequireApproval to false."));
        }

        if (!IsPrivateCidr(environment.VpcCidr))
        {
            errors.Add(new($"{path}.VpcCidr", $"'{environment.VpcCidr}' is not a private IPv4 range with a prefix of /8 to /24.", "Use an RFC 1918 range such as '10.20.0.0/16'."));
        }

        foreach (var (service, overrides) in environment.Services.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var servicePath = $"{path}.Services[{service}]";
            if (!scope.Workloads.Contains(service))
            {
                errors.Add(new(servicePath, $"there is no workload '{service}' in the app model.", $"Use one of: {Join(scope.Workloads)}; or remove the entry."));
            }

            ValidateOverrides(servicePath, overrides, errors);
        }

        foreach (var (parameter, _) in environment.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var parameterPath = $"{path}.Parameters[{parameter}]";
            if (!scope.Parameters.TryGetValue(parameter, out var secret))
            {
                errors.Add(new(parameterPath, $"there is no parameter '{parameter}' in the app model.", $"Use one of: {Join(scope.Parameters.Where(p => !p.Value).Select(p => p.Key))}; or remove the entry."));
            }
            else if (secret)
            {
                var naming = new InfrastructureNaming(settings.ApplicationName ?? "");
                errors.Add(new(parameterPath, $"'{parameter}' is a secret, and secrets never appear in settings or manifests.", $"Remove it here and store the value in the secret store as '{naming.SecretName(environment.Name, parameter)}'."));
            }
        }
    }

    private static void ValidateClouds(DeploymentSettings settings, EnvironmentSettings environment, string path, SettingsScope scope, List<SettingError> errors)
    {
        if (environment.Clouds is null || environment.Clouds.Count == 0)
        {
            errors.Add(new($"{path}.Clouds", "no cloud is targeted.", $"List at least one of: {string.Join(", ", KnownClouds.All)}."));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < environment.Clouds.Count; i++)
        {
            var cloud = environment.Clouds[i];
            if (!KnownClouds.All.Contains(cloud))
            {
                errors.Add(new($"{path}.Clouds[{i}]", $"'{cloud}' is not a known cloud.", $"Use one of: {string.Join(", ", KnownClouds.All)}."));
                continue;
            }

            if (!seen.Add(cloud))
            {
                errors.Add(new($"{path}.Clouds[{i}]", $"'{cloud}' is listed twice.", "List each cloud once."));
                continue;
            }

            var region = ResolveRegion(environment, cloud);
            if (region is null || !RegionPattern(cloud).IsMatch(region))
            {
                errors.Add(new($"{path}.Regions[{cloud}]", $"'{region}' is not a {cloud} region.", $"Use a region such as '{DeploymentDefaults.Regions[cloud]}'."));
            }

            ValidateIdentityNames(settings, environment, cloud, path, scope, errors);
        }

        foreach (var key in environment.Regions.Keys.Where(k => !KnownClouds.All.Contains(k)).Order(StringComparer.Ordinal))
        {
            errors.Add(new($"{path}.Regions[{key}]", $"'{key}' is not a known cloud.", $"Use one of: {string.Join(", ", KnownClouds.All)}."));
        }
    }

    private static void ValidateIdentityNames(DeploymentSettings settings, EnvironmentSettings environment, string cloud, string path, SettingsScope scope, List<SettingError> errors)
    {
        var limit = cloud switch
        {
            KnownClouds.Gcp => GcpServiceAccountIdMaxLength,
            KnownClouds.Aws => AwsRoleNameMaxLength,
            _ => int.MaxValue,
        };
        var naming = new InfrastructureNaming(settings.ApplicationName ?? "");
        var longest = scope.Workloads.Append(InfrastructureNaming.SecretStoreIdentity)
            .Select(w => naming.WorkloadIdentityName(environment.Name, w))
            .OrderByDescending(n => n.Length).ThenBy(n => n, StringComparer.Ordinal)
            .FirstOrDefault();
        if (longest is not null && longest.Length > limit)
        {
            errors.Add(new($"{path}.Name", $"the workload identity '{longest}' has {longest.Length} characters; {cloud} allows {limit}.", "Shorten the environment name or ApplicationName."));
        }
    }

    private static void ValidateResourceOverrides(DeploymentSettings settings, SettingsScope scope, List<SettingError> errors)
    {
        var environments = settings.Environments?.Select(e => e.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var (resource, overrides) in scope.ResourceOverrides.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            var path = $"{resource}.PublishAsKubernetesService";
            ValidateOverrides(path, overrides.AllEnvironments, errors);
            foreach (var (environment, perEnvironment) in overrides.PerEnvironment.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                if (!environments.Contains(environment))
                {
                    errors.Add(new($"{path}.Environments[{environment}]", $"there is no environment '{environment}'.", $"Use one of: {Join(environments)}."));
                }

                ValidateOverrides($"{path}.Environments[{environment}]", perEnvironment, errors);
            }
        }
    }

    private static void ValidateOverrides(string path, ServiceOverrides overrides, List<SettingError> errors)
    {
        if (overrides.Replicas is < 1)
        {
            errors.Add(new($"{path}.Replicas", $"{overrides.Replicas} replicas cannot serve anything.", "Set Replicas to 1 or more, or leave it unset."));
        }

        if (overrides.Resources is not null)
        {
            ValidateResources($"{path}.Resources", overrides.Resources, errors);
        }

        if (overrides.Autoscaling is not null)
        {
            ValidateAutoscaling($"{path}.Autoscaling", overrides.Autoscaling, errors);
        }
    }

    private static void ValidateResources(string path, ResourceSettings resources, List<SettingError> errors)
    {
        ValidatePair(path, "Cpu", resources.CpuRequest, resources.CpuLimit, "250m", errors);
        ValidatePair(path, "Memory", resources.MemoryRequest, resources.MemoryLimit, "256Mi", errors);
    }

    private static void ValidatePair(string path, string resource, string request, string limit, string example, List<SettingError> errors)
    {
        var requested = Quantity.TryParse(request);
        var limited = Quantity.TryParse(limit);
        if (requested is null or <= 0)
        {
            errors.Add(new($"{path}.{resource}Request", $"'{request}' is not a positive {resource.ToLowerInvariant()} quantity.", $"Use a Kubernetes quantity such as '{example}'."));
        }

        if (limited is null or <= 0)
        {
            errors.Add(new($"{path}.{resource}Limit", $"'{limit}' is not a positive {resource.ToLowerInvariant()} quantity.", $"Use a Kubernetes quantity such as '{example}'."));
        }

        if (requested > 0 && limited > 0 && limited < requested)
        {
            errors.Add(new($"{path}.{resource}Limit", $"the limit '{limit}' is below the request '{request}', which Kubernetes rejects.", $"Raise {resource}Limit to at least '{request}' or lower {resource}Request."));
        }
    }

    private static void ValidateAutoscaling(string path, AutoscalingSettings autoscaling, List<SettingError> errors)
    {
        if (!autoscaling.Enabled)
        {
            return;
        }

        if (autoscaling.MinReplicas < 1)
        {
            errors.Add(new($"{path}.MinReplicas", $"{autoscaling.MinReplicas} is below 1.", "Set MinReplicas to 1 or more."));
        }

        if (autoscaling.MaxReplicas < autoscaling.MinReplicas)
        {
            errors.Add(new($"{path}.MaxReplicas", $"MaxReplicas {autoscaling.MaxReplicas} is below MinReplicas {autoscaling.MinReplicas}.", $"Set MaxReplicas to at least {autoscaling.MinReplicas}."));
        }

        if (autoscaling.TargetCpuUtilization is < 1 or > 100)
        {
            errors.Add(new($"{path}.TargetCpuUtilization", $"{autoscaling.TargetCpuUtilization}% is not a utilisation target.", "Use a percentage from 1 to 100, e.g. 70."));
        }
    }

    private static void ValidateHttpsAddress(string path, string address, List<SettingError> errors)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add(new(path, $"'{address}' is not an https address.", "Use the server's https URL, e.g. 'https://vault.example.com:8200'."));
        }
    }

    private static void ValidateStorageClass(string path, string storageClass, List<SettingError> errors)
    {
        if (!IsDnsName(storageClass, requireDot: false))
        {
            errors.Add(new(path, $"'{storageClass}' is not a storage class name.", "Use the cluster's storage class name, e.g. 'standard'."));
        }
    }

    /// <summary>The region of <paramref name="cloud"/> in <paramref name="environment"/>, falling back to the default.</summary>
    public static string? ResolveRegion(EnvironmentSettings environment, string cloud) =>
        environment.Regions.TryGetValue(cloud, out var region) ? region
        : DeploymentDefaults.Regions.GetValueOrDefault(cloud);

    private static bool IsDnsName(string? name, bool requireDot = true)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 253 || (requireDot && !name.Contains('.', StringComparison.Ordinal)))
        {
            return false;
        }

        return name.Split('.').All(label => label.Length is > 0 and <= 63 && DnsLabelStartingWithDigit().IsMatch(label));
    }

    private static bool IsPrivateCidr(string? cidr)
    {
        if (string.IsNullOrEmpty(cidr) || !IPNetwork.TryParse(cidr, out var network) || network.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return false;
        }

        if (network.PrefixLength is < 8 or > 24 || !string.Equals(network.ToString(), cidr, StringComparison.Ordinal))
        {
            return false;
        }

        return IPNetwork.Parse("10.0.0.0/8").Contains(network.BaseAddress)
            || IPNetwork.Parse("172.16.0.0/12").Contains(network.BaseAddress)
            || IPNetwork.Parse("192.168.0.0/16").Contains(network.BaseAddress);
    }

    private static string Join(IEnumerable<string> names) => string.Join(", ", names.Order(StringComparer.Ordinal));

    private static Regex RegionPattern(string cloud) => cloud switch
    {
        KnownClouds.Aws => AwsRegionPattern(),
        KnownClouds.Gcp => GcpRegionPattern(),
        KnownClouds.DigitalOcean => DigitalOceanRegionPattern(),
        _ => DnsLabelPattern(),
    };

    [GeneratedRegex("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabelPattern();

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabelStartingWithDigit();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex ImageTagPattern();

    [GeneratedRegex(@"^\d{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex AwsAccountPattern();

    [GeneratedRegex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex GcpProjectPattern();

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?(/[a-z0-9._-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex RegistryPattern();

    [GeneratedRegex(@"^[a-z]{2}(-gov)?-[a-z]+-\d$", RegexOptions.CultureInvariant)]
    private static partial Regex AwsRegionPattern();

    [GeneratedRegex(@"^[a-z]+-[a-z]+\d$", RegexOptions.CultureInvariant)]
    private static partial Regex GcpRegionPattern();

    [GeneratedRegex(@"^[a-z]{3}\d$", RegexOptions.CultureInvariant)]
    private static partial Regex DigitalOceanRegionPattern();
}
