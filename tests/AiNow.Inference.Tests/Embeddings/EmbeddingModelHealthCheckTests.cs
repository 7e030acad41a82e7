using AiNow.Inference.Embeddings;
using AiNow.Inference.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiNow.Inference.Tests.Embeddings;

public sealed class EmbeddingModelHealthCheckTests
{
    [Fact]
    public async Task CheckHealth_BeforeAndAfterWarmUp_GoesFromUnhealthyToHealthy()
    {
        using var metrics = new TestMetrics();
        using var embedder = new SentenceEmbedder(new TokenCounter(), metrics.Metrics);
        var check = new EmbeddingModelHealthCheck(embedder);

        var before = await check.CheckHealthAsync(new HealthCheckContext());
        await embedder.WarmUpAsync(CancellationToken.None);
        var after = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, before.Status);
        Assert.Contains("loading", before.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, after.Status);
    }
}
