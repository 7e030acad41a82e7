using System.Text.Json;
using System.Text.Json.Serialization;
using AiNow.Api.Apis;
using AiNow.Api.Embeddings;
using AiNow.Api.Keys;
using AiNow.Api.Tenants;
using AiNow.Contracts;

namespace AiNow.Api.Http;

/// <summary>
/// Source-generated JSON for every type the api reads or writes: its responses and the key cache entries (its
/// calls to inference use ContractsJsonContext). The api runs trimmed with reflection-based JSON switched off, so a
/// type missing here fails its request (the tests run the service the same way). Web defaults, as minimal APIs use.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Tenant))]
[JsonSerializable(typeof(KeyOwner))]
[JsonSerializable(typeof(AdminApi.IssuedKeyResponse))]
[JsonSerializable(typeof(BatchesApi.BatchCreatedResponse))]
[JsonSerializable(typeof(BatchesApi.BatchJobResponse))]
[JsonSerializable(typeof(UsageApi.UsageResponse))]
[JsonSerializable(typeof(EmbeddingResponse))]
[JsonSerializable(typeof(EmbeddingResponseWriter.Base64EmbeddingResponse))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
