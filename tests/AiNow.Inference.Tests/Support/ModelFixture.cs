using AiNow.Inference.Embeddings;

namespace AiNow.Inference.Tests.Support;

/// <summary>One loaded model shared by the tests that need real vectors.</summary>
public sealed class ModelFixture : IAsyncLifetime, IDisposable
{
    private readonly TestMetrics _metrics = new();

    public ModelFixture()
    {
        Tokens = new TokenCounter();
        Embedder = new SentenceEmbedder(Tokens, _metrics.Metrics);
    }

    public TokenCounter Tokens { get; }

    public SentenceEmbedder Embedder { get; }

    public Task InitializeAsync() => Embedder.WarmUpAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        Embedder.Dispose();
        _metrics.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedModel : ICollectionFixture<ModelFixture>
{
    public const string Name = "model";
}
