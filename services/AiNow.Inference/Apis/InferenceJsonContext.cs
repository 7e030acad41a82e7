using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AiNow.Contracts;

namespace AiNow.Inference.Apis;

/// <summary>
/// Source-generated JSON for what inference reads and writes. It runs trimmed with reflection-based
/// JSON switched off, so a type missing here fails its request (the tests run it the same way).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EmbeddingRequest))]
[JsonSerializable(typeof(EmbeddingResponse))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class InferenceJsonContext : JsonSerializerContext;
