using k8s.Models;

namespace AiNow.Publishing.Kubernetes.Crds;

/// <summary>
/// A GKE BackendConfig (cloud.google.com/v1): the load balancer's backend timeout (30 s by default,
/// shorter than the longest request), connection draining and the health check of a Service.
/// </summary>
public sealed record BackendConfig(string ApiVersion, string Kind, V1ObjectMeta Metadata, BackendConfigSpec Spec)
{
    /// <summary>A BackendConfig of <c>cloud.google.com/v1</c>; apiVersion and kind come first in the YAML.</summary>
    public BackendConfig(V1ObjectMeta metadata, BackendConfigSpec spec)
        : this("cloud.google.com/v1", "BackendConfig", metadata, spec)
    {
    }
}

/// <summary>Timeout, draining and health check.</summary>
public sealed record BackendConfigSpec(int TimeoutSec, ConnectionDraining ConnectionDraining, BackendHealthCheck HealthCheck);

/// <summary>How long a removed endpoint keeps its in-flight requests.</summary>
public sealed record ConnectionDraining(int DrainingTimeoutSec);

/// <summary>The load balancer's health check against the pods (NEG endpoints).</summary>
public sealed record BackendHealthCheck(string Type, string RequestPath, int Port, int CheckIntervalSec, int TimeoutSec);
