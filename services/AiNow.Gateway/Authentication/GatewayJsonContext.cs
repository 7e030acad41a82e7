using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiNow.Gateway.Authentication;

/// <summary>
/// Source-generated JSON for the key lookup the gateway sends to the api and the tenant it reads back.
/// The gateway runs trimmed with reflection-based JSON switched off. Web defaults, as the api answers.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ApiKeyResolver.ResolveKeyRequest))]
[JsonSerializable(typeof(TenantIdentity))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
