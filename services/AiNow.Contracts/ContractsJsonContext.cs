using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiNow.Contracts;

/// <summary>
/// Source-generated JSON for the contracts the services exchange. The services run trimmed, with
/// reflection-based serialization switched off, so every type they read or write has generated
/// metadata; web defaults (camelCase, case-insensitive reading), as HttpClient's JSON extensions use.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EmbeddingRequest))]
[JsonSerializable(typeof(EmbeddingResponse))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
