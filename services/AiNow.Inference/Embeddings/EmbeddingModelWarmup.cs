using System.Diagnostics;

namespace AiNow.Inference.Embeddings;

/// <summary>Loads the embedding model in the background at startup; readiness stays red until it is done.</summary>
internal sealed partial class EmbeddingModelWarmup(SentenceEmbedder embedder, ILogger<EmbeddingModelWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            // Off the startup path: the host keeps starting (and /alive answers) while the model loads.
            await Task.Run(() => embedder.WarmUpAsync(stoppingToken), stoppingToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            LogModelLoaded(logger, elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down before the model finished loading is not a failure.
        }
        catch (Exception exception)
        {
            // The health check reports the failure; the process stays up so operators can see why.
            LogModelLoadFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedding model loaded and warmed up in {ElapsedMs:F0} ms")]
    private static partial void LogModelLoaded(ILogger logger, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Embedding model failed to load; embeddings cannot be served")]
    private static partial void LogModelLoadFailed(ILogger logger, Exception exception);
}
