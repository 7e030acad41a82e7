namespace AiNow.AppHost;

/// <summary>How the AppHost declares its parameters.</summary>
public static class ParameterExtensions
{
    /// <summary>
    /// A secret generated on first run and kept in the AppHost's user secrets, so local runs need no
    /// setup and no value is ever committed. Deployments supply their own from a secret store.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddSecretParameter(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddParameter(name, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);

    /// <summary>
    /// An optional parameter: empty unless configured (<c>Parameters:{name}</c>), so the platform runs
    /// without it and the feature that needs it says how to set it.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddOptionalParameter(this IDistributedApplicationBuilder builder, string name, bool secret = false)
    {
        var key = $"Parameters:{name}";
        return builder.AddParameter(name, () => builder.Configuration[key] ?? "", secret: secret).AsOptional();
    }
}
