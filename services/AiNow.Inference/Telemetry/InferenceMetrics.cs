using System.Diagnostics.Metrics;
using AiNow.Contracts.Telemetry;
using AiNow.ServiceDefaults.Telemetry;

namespace AiNow.Inference.Telemetry;

/// <summary>The inference service's business metrics, from the catalog in <see cref="AiNowMetrics"/>.</summary>
public sealed class InferenceMetrics
{
    private readonly Counter<long> _embeddingRequests;
    private readonly Counter<long> _textsEmbedded;
    private readonly Counter<long> _tokensEmbedded;
    private readonly Histogram<double> _encodeDuration;
    private readonly Counter<long> _chatCompletions;
    private readonly Histogram<double> _upstreamDuration;

    public InferenceMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.CreateAiNowMeter();
        _embeddingRequests = meter.CreateCounter(AiNowMetrics.InferenceEmbeddings);
        _textsEmbedded = meter.CreateCounter(AiNowMetrics.InferenceTexts);
        _tokensEmbedded = meter.CreateCounter(AiNowMetrics.InferenceTokens);
        _encodeDuration = meter.CreateHistogram(AiNowMetrics.EncodeDuration);
        _chatCompletions = meter.CreateCounter(AiNowMetrics.ChatCompletions);
        _upstreamDuration = meter.CreateHistogram(AiNowMetrics.UpstreamDuration);
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

    /// <summary>Counts one chat completion request the upstream was never asked for; <paramref name="outcome"/> says why.</summary>
    public void ChatCompletionHandled(string outcome) =>
        _chatCompletions.Add(1, Outcome(outcome));

    /// <summary>
    /// Counts one chat completion request sent upstream and records how long the upstream took;
    /// <paramref name="outcome"/> is its status code, <c>unreachable</c> or <c>timeout</c>.
    /// </summary>
    public void UpstreamAnswered(string outcome, TimeSpan elapsed)
    {
        var tag = Outcome(outcome);
        _chatCompletions.Add(1, tag);
        _upstreamDuration.Record(elapsed.TotalSeconds, tag);
    }

    private static KeyValuePair<string, object?> Outcome(string outcome) => new(AiNowMetrics.OutcomeTag, outcome);

    // A bounded tag keeps the histogram's series count small while still separating single texts from chunks.
    private static string BucketOf(int texts) => texts switch
    {
        1 => "1",
        <= 16 => "2-16",
        <= 64 => "17-64",
        _ => "65+",
    };
}
