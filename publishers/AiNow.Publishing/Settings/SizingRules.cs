namespace AiNow.Publishing.Settings;

/// <summary>Rules for replicas, CPU and memory, autoscaling and per-workload overrides.</summary>
internal static class SizingRules
{
    public static void ValidateResourceOverrides(DeploymentSettings settings, SettingsScope scope, List<SettingError> errors)
    {
        var environments = settings.Environments?.Select(e => e.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var (resource, overrides) in scope.ResourceOverrides.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            var path = $"{resource}.WithDeploymentOverrides";
            ValidateOverrides(path, overrides.AllEnvironments, errors);
            foreach (var (environment, perEnvironment) in overrides.PerEnvironment.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                if (!environments.Contains(environment))
                {
                    errors.Add(new($"{path}.Environments[{environment}]", $"there is no environment '{environment}'.", $"Use one of: {string.Join(", ", environments.Order(StringComparer.Ordinal))}."));
                }

                ValidateOverrides($"{path}.Environments[{environment}]", perEnvironment, errors);
            }
        }
    }

    public static void ValidateOverrides(string path, ServiceOverrides overrides, List<SettingError> errors)
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

    public static void ValidateResources(string path, ResourceSettings resources, List<SettingError> errors)
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

    public static void ValidateAutoscaling(string path, AutoscalingSettings autoscaling, List<SettingError> errors)
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
}
