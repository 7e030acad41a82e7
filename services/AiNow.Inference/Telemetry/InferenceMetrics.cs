using System.Diagnostics.Metrics;
using AiNow.ServiceDefaults;

namespace AiNow.Inference.Telemetry;

/// <summary>The inference service's business metrics, published on the shared <c>AiNow</c> meter.</summary>
public sealed class InferenceMetrics
{
    private readonly Counter<long> _embeddingRequests;
    private readonly Counter<long> _textsEmbedded;
    private readonly Counter<long> _tokensEmbedded;
    private readonly Histogram<double> _encodeDuration;
    private readonly Counter<long> _chatCompletions;

    public InferenceMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(OpenTelemetrySetup.MeterName);

        _embeddingRequests = meter.CreateCounter<long>(
            "ainow.inference.embeddings", "{request}", "Embedding requests answered.");
        _textsEmbedded = meter.CreateCounter<long>(
            "ainow.inference.embeddings.texts", "{text}", "Texts turned into vectors.");
        _tokensEmbedded = meter.CreateCounter<long>(
            "ainow.inference.embeddings.tokens", "{token}", "Tokens the embedding model processed.");
        _encodeDuration = meter.CreateHistogram<double>(
            "ainow.inference.embeddings.encode.duration", "s", "Time the embedding model spent on one request's texts.");
        _chatCompletions = meter.CreateCounter<long>(
            "ainow.inference.chat.completions", "{request}", "Chat completion requests, by outcome.");
    }

    /// <summary>Counts one answered embeddings request.</summary>
    public void EmbeddingRequestServed(int texts, int tokens)
    {
        _embeddingRequests.Add(1);
        _textsEmbedded.Add(texts);
        _tokensEmbedded.Add(tokens);
    }

    /// <summary>Records how long the model took for a set of texts.</summary>
    public void TextsEncoded(int texts, TimeSpan elapsed) =>
        _encodeDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("texts", BucketOf(texts)));

    /// <summary>Counts one chat completion request; <paramref name="outcome"/> is the upstream status code or the failure kind.</summary>
    public void ChatCompletionHandled(string outcome) =>
        _chatCompletions.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    // A bounded tag keeps the histogram's series count small while still separating single texts from chunks.
    private static string BucketOf(int texts) => texts switch
    {
        1 => "1",
        <= 16 => "2-16",
        <= 64 => "17-64",
        _ => "65+",
    };
}
