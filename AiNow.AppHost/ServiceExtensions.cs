namespace AiNow.AppHost;

/// <summary>Service wiring that is longer than one line in <c>Program.cs</c>.</summary>
public static class ServiceExtensions
{
    /// <summary>The readiness path every HTTP service maps (AiNow.ServiceDefaults' HealthEndpoints.ReadinessPath).</summary>
    public const string ReadinessPath = "/health";

    /// <summary>
    /// Adds an AI-Now service. Services speak plain http: TLS terminates at the ingress in clusters,
    /// and locally nothing needs it, so no development certificate is asked for (a machine without a
    /// trusted one would otherwise see an error banner on every dashboard page).
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddService<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new()
    {
#pragma warning disable ASPIRECERTIFICATES001 // Evaluation API; the only way to opt a project out of the dev certificate.
        return builder.AddProject<TProject>(name).WithoutHttpsCertificate()
            // Services read connection strings and service discovery only; the per-property variables
            // (AINOWDB_HOST, REDIS_PASSWORD, ...) would describe the local stores, not the deployed ones.
            .WithReferenceEnvironment(ReferenceEnvironmentInjectionFlags.ConnectionString | ReferenceEnvironmentInjectionFlags.ServiceDiscovery)
            // Forwarded headers are trusted only from the ingress (ForwardedHeaders:TrustedNetworks), not from any peer.
            .DisableForwardedHeaders();
#pragma warning restore ASPIRECERTIFICATES001
    }

    /// <summary>
    /// The service counts as healthy, locally, only once its readiness endpoint (<c>/health</c>, mapped by the
    /// service defaults and probed by Kubernetes) answers: <c>WaitFor</c> and the dashboard then mean ready, not
    /// merely started. Not for the migrations, which serve no HTTP and are waited for to complete.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithReadinessCheck(this IResourceBuilder<ProjectResource> service) =>
        service.WithHttpHealthCheck(ReadinessPath);

    /// <summary>Points inference at an OpenAI-compatible upstream for chat completions (both may be empty).</summary>
    public static IResourceBuilder<ProjectResource> WithUpstreamLlm(
        this IResourceBuilder<ProjectResource> inference,
        IResourceBuilder<ParameterResource> endpoint,
        IResourceBuilder<ParameterResource> apiKey) =>
        inference
            .WithEnvironment("Inference__Upstream__Endpoint", endpoint)
            .WithEnvironment("Inference__Upstream__ApiKey", apiKey);

    /// <summary>
    /// Locally, callers reach the service's own process on a port chosen at start, not the orchestrator's proxy: a
    /// stopped service then refuses connections at once, as a cluster Service without ready endpoints does, where
    /// the proxy would hold them open until the caller's timeout. Publishing is unaffected.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDirectEndpoint(this IResourceBuilder<ProjectResource> service) =>
        service.ApplicationBuilder.ExecutionContext.IsRunMode
            ? service.WithEndpoint("http", endpoint =>
            {
                endpoint.IsProxied = false;
                endpoint.Port = null;
            })
            : service;
}
