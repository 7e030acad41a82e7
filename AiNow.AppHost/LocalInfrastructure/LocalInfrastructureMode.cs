namespace AiNow.AppHost.LocalInfrastructure;

/// <summary>How the local run provides PostgreSQL and Redis.</summary>
public enum LocalInfrastructureMode
{
    /// <summary>Containers where a container engine can run them, machine processes otherwise.</summary>
    Auto,

    /// <summary>The standard Aspire PostgreSQL and Redis container resources.</summary>
    Containers,

    /// <summary>PostgreSQL from the machine's binaries and Garnet (Redis-compatible) as processes.</summary>
    Processes,
}
