namespace AiNow.AppHost;

/// <summary>Service wiring that is longer than one line in <c>Program.cs</c>.</summary>
public static class ServiceExtensions
{
    /// <summary>Points inference at an OpenAI-compatible upstream for chat completions (both may be empty).</summary>
    public static IResourceBuilder<ProjectResource> WithUpstreamLlm(
        this IResourceBuilder<ProjectResource> inference,
        IResourceBuilder<ParameterResource> endpoint,
        IResourceBuilder<ParameterResource> apiKey) =>
        inference
            .WithEnvironment("Inference__Upstream__Endpoint", endpoint)
            .WithEnvironment("Inference__Upstream__ApiKey", apiKey);
}
