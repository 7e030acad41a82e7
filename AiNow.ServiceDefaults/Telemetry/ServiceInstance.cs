using Microsoft.Extensions.Configuration;

namespace AiNow.ServiceDefaults.Telemetry;

/// <summary>
/// The <c>service.instance.id</c> every signal of this process carries: the one given in
/// <c>OTEL_RESOURCE_ATTRIBUTES</c> (the pod's name in a cluster, Aspire's id locally), else the host name,
/// so replicas never share an identity and their series never overwrite each other.
/// </summary>
public static class ServiceInstance
{
    /// <summary>The attribute's name.</summary>
    public const string AttributeName = "service.instance.id";

    /// <summary>The configured id, or null when none is configured.</summary>
    public static string? Configured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return OtlpSettings.ParseList(configuration["OTEL_RESOURCE_ATTRIBUTES"]).GetValueOrDefault(AttributeName);
    }

    /// <summary>The configured id, or the host name (a pod's name in Kubernetes).</summary>
    public static string Id(IConfiguration configuration) => Configured(configuration) ?? Environment.MachineName;
}
