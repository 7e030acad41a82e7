using System.Collections.Immutable;

namespace AiNow.Publishing.Model;

/// <summary>How a workload runs.</summary>
public enum WorkloadKind
{
    /// <summary>Runs until replaced (a web app, a queue worker).</summary>
    LongRunning,

    /// <summary>Runs once and exits; others wait for its completion (database migrations).</summary>
    RunToCompletion,
}

/// <summary>One of the application's own workloads.</summary>
/// <param name="Name">The app-model resource name; also the Kubernetes name of everything made for it.</param>
/// <param name="Kind">Long-running or run-to-completion.</param>
/// <param name="Image">The image; projects have no tag here (the environment plan sets the release tag).</param>
/// <param name="Endpoints">The endpoints the workload listens on.</param>
/// <param name="Environment">Environment variables, as expressions over literals, parameters, endpoints and connections.</param>
/// <param name="Probes">Health probes derived from the workload's health endpoints.</param>
/// <param name="WaitsForCompletionOf">Run-to-completion workloads that must finish before this one starts.</param>
/// <param name="SourceProject">The project file the image is built from, relative to the repository root, or null for third-party images.</param>
public sealed record ServiceSpec(
    string Name,
    WorkloadKind Kind,
    ImageReference Image,
    ImmutableArray<EndpointSpec> Endpoints,
    ImmutableArray<EnvironmentVariable> Environment,
    ImmutableArray<ProbeSpec> Probes,
    ImmutableArray<string> WaitsForCompletionOf,
    string? SourceProject = null)
{

    /// <summary>True when an endpoint is reachable from outside the cluster.</summary>
    public bool IsPublic => Endpoints.Any(e => e.IsExternal);

    /// <summary>The endpoint other workloads connect to (the first one), or null.</summary>
    public EndpointSpec? PrimaryEndpoint => Endpoints.IsDefaultOrEmpty ? null : Endpoints[0];
}

/// <summary>A container image: a repository and, when pinned by the app model, a tag.</summary>
/// <param name="Repository">Registry-less for images built from source (<c>ainow/api</c>), full for third-party images.</param>
/// <param name="Tag">The tag, or null for images built from source (the release tag is set per environment).</param>
/// <param name="BuiltFromSource">True for the application's own images, which go to each cloud's registry.</param>
public sealed record ImageReference(string Repository, string? Tag, bool BuiltFromSource);

/// <summary>A network endpoint a workload listens on.</summary>
/// <param name="Name">The app-model endpoint name (<c>http</c>, <c>tcp</c>).</param>
/// <param name="Scheme">URI scheme (<c>http</c>, <c>tcp</c>, <c>redis</c>).</param>
/// <param name="Port">The port other workloads connect to.</param>
/// <param name="TargetPort">The port the process listens on.</param>
/// <param name="IsExternal">True when reachable from outside the cluster.</param>
public sealed record EndpointSpec(string Name, string Scheme, int Port, int TargetPort, bool IsExternal);

/// <summary>Which health question a probe asks.</summary>
public enum ProbeKind
{
    /// <summary>Has the process finished starting? Gates the other two.</summary>
    Startup,

    /// <summary>Can it take traffic now (dependencies reachable)?</summary>
    Readiness,

    /// <summary>Is the process alive (restart it otherwise)?</summary>
    Liveness,
}

/// <summary>An HTTP health probe on one of the workload's endpoints.</summary>
public sealed record ProbeSpec(
    ProbeKind Kind,
    string Path,
    string EndpointName,
    int InitialDelaySeconds,
    int PeriodSeconds,
    int TimeoutSeconds,
    int FailureThreshold);
