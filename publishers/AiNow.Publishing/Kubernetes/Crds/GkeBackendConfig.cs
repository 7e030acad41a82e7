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

/// <summary>
/// The per-environment part of the gateway's BackendConfig, patched over the cloud component's: the
/// Cloud Armor policy the environment's foundation creates (WAF rules and the per-client rate limit).
/// </summary>
public sealed record BackendConfigPolicyPatch(string ApiVersion, string Kind, V1ObjectMeta Metadata, BackendConfigPolicySpec Spec)
{
    /// <summary>A patch of the BackendConfig called <paramref name="name"/> naming <paramref name="policy"/>.</summary>
    public BackendConfigPolicyPatch(string name, string policy)
        : this("cloud.google.com/v1", "BackendConfig", new V1ObjectMeta { Name = name }, new BackendConfigPolicySpec(new SecurityPolicyReference(policy)))
    {
    }
}

/// <summary>The security policy of a backend.</summary>
public sealed record BackendConfigPolicySpec(SecurityPolicyReference SecurityPolicy);

/// <summary>A Cloud Armor policy by name.</summary>
public sealed record SecurityPolicyReference(string Name);
