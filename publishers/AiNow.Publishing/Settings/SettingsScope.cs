namespace AiNow.Publishing.Settings;

/// <summary>What the settings may refer to: the app model's workloads and parameters, and the overrides declared on resources.</summary>
/// <param name="Workloads">Names of the app model's deployable workloads.</param>
/// <param name="Parameters">The app model's parameters and whether each is secret.</param>
/// <param name="ResourceOverrides">Overrides declared with <c>WithDeploymentOverrides</c>, by resource.</param>
public sealed record SettingsScope(
    IReadOnlyCollection<string> Workloads,
    IReadOnlyDictionary<string, bool> Parameters,
    IReadOnlyDictionary<string, ResourceOverrides> ResourceOverrides)
{
    /// <summary>A scope with nothing to refer to (settings checked on their own).</summary>
    public static SettingsScope Empty { get; } = new([], new Dictionary<string, bool>(), new Dictionary<string, ResourceOverrides>());
}

/// <summary>The overrides declared on one resource of the app model.</summary>
/// <param name="AllEnvironments">Applies in every environment.</param>
/// <param name="PerEnvironment">Applies in the named environment, over <paramref name="AllEnvironments"/>.</param>
public sealed record ResourceOverrides(ServiceOverrides AllEnvironments, IReadOnlyDictionary<string, ServiceOverrides> PerEnvironment);
