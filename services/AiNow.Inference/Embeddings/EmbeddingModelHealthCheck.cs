using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiNow.Inference.Embeddings;

/// <summary>Readiness: unhealthy until the embedding model is loaded, so no traffic arrives before it can be served.</summary>
public sealed class EmbeddingModelHealthCheck(SentenceEmbedder embedder) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = embedder switch
        {
            { IsReady: true } => HealthCheckResult.Healthy("The embedding model is loaded."),
            { LoadFailure: { } failure } => HealthCheckResult.Unhealthy("The embedding model failed to load.", failure),
            _ => HealthCheckResult.Unhealthy("The embedding model is still loading."),
        };
        return Task.FromResult(result);
    }
}
