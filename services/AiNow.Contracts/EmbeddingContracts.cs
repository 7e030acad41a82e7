using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiNow.Contracts;

/// <summary>
/// OpenAI's <c>POST /v1/embeddings</c> request. <c>input</c> is a string or an array of strings,
/// so it stays a raw <see cref="JsonElement"/> until validated.
/// </summary>
public sealed record EmbeddingRequest
{
    [JsonPropertyName("input")]
    public JsonElement Input { get; init; }

    [JsonPropertyName("model")]
    public string? Model { get; init; }

    [JsonPropertyName("encoding_format")]
    public string? EncodingFormat { get; init; }
}

/// <summary>The validated form the services pass to each other: a list of texts.</summary>
public sealed record EmbeddingBatch(string Model, IReadOnlyList<string> Inputs);

/// <summary>OpenAI's embeddings response.</summary>
public sealed record EmbeddingResponse(
    [property: JsonPropertyName("object")] string ObjectType,
    [property: JsonPropertyName("data")] IReadOnlyList<EmbeddingItem> Data,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("usage")] EmbeddingUsage Usage);

/// <summary>One vector of an embeddings response.</summary>
public sealed record EmbeddingItem(
    [property: JsonPropertyName("object")] string ObjectType,
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("embedding")] float[] Embedding);

/// <summary>Token counts of an embeddings response.</summary>
public sealed record EmbeddingUsage(
    [property: JsonPropertyName("prompt_tokens")] int PromptTokens,
    [property: JsonPropertyName("total_tokens")] int TotalTokens);

/// <summary>The embedding model inference serves and its limits, shared by every service that validates input.</summary>
public static class EmbeddingModel
{
    /// <summary>The model name clients pass (and get back).</summary>
    public const string Name = "all-MiniLM-L6-v2";

    /// <summary>Vector length.</summary>
    public const int Dimensions = 384;

    /// <summary>Most texts in one synchronous request.</summary>
    public const int MaxInputsPerRequest = 64;

    /// <summary>Most texts in one batch job.</summary>
    public const int MaxInputsPerBatch = 1024;

    /// <summary>Longest single text, in characters.</summary>
    public const int MaxInputLength = 8192;

    /// <summary>
    /// Most characters across all texts of one synchronous request (up to <see cref="MaxInputsPerRequest"/> texts):
    /// 64 texts of 2,048 characters, about what the model reads of each (see <see cref="MaxTokensPerInput"/>).
    /// </summary>
    public const int MaxCharactersPerRequest = 131_072;

    /// <summary>
    /// Most characters across all texts of one batch job (up to <see cref="MaxInputsPerBatch"/> texts). It bounds the
    /// job's storage and processing time; the gateway's 1 MiB body limit would otherwise be the only bound.
    /// </summary>
    public const int MaxCharactersPerBatch = 524_288;

    /// <summary>
    /// The tokens of one text the model reads (its window, <c>[CLS]</c> and <c>[SEP]</c> included). A longer text is
    /// refused with a 400 naming it (<see cref="Inference.InputTooLong"/>), as OpenAI refuses a text past its model's
    /// context: cutting it silently would embed only its beginning, and the vector would not say so.
    /// <see cref="MaxInputLength"/> bounds the characters sent for it before they are counted.
    /// </summary>
    public const int MaxTokensPerInput = 512;
}
