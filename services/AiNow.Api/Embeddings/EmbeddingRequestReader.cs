using System.Text.Json;
using AiNow.Api.Http;
using AiNow.Contracts;

namespace AiNow.Api.Embeddings;

/// <summary>Reads the OpenAI-shaped embeddings body shared by <c>/v1/embeddings</c> and <c>/v1/batches</c>.</summary>
public static class EmbeddingRequestReader
{
    /// <summary>Reads <c>input</c> (at most <paramref name="maxInputs"/> texts) and <c>model</c>.</summary>
    public static bool TryRead(JsonElement body, int maxInputs, out EmbeddingBatch batch, out string error)
    {
        batch = new EmbeddingBatch(EmbeddingModel.Name, []);
        var input = body.TryGetProperty("input", out var field) ? field : default;
        if (!EmbeddingInput.TryRead(input, maxInputs, out var texts, out error)
            || !JsonFields.TryGetOptionalString(body, "model", out var model, out error)
            || !EmbeddingInput.TryReadModel(model, out var resolved, out error))
        {
            return false;
        }

        batch = new EmbeddingBatch(resolved, texts);
        return true;
    }

    /// <summary>Reads the options only the synchronous endpoint has: <c>encoding_format</c> and <c>dimensions</c>.</summary>
    public static bool TryReadOutputOptions(JsonElement body, out EmbeddingEncoding encoding, out string error)
    {
        encoding = EmbeddingEncoding.Numbers;
        if (!JsonFields.TryGetOptionalString(body, "encoding_format", out var format, out error))
        {
            return false;
        }

        switch (format)
        {
            case null or "float":
                break;
            case "base64":
                encoding = EmbeddingEncoding.Base64;
                break;
            default:
                error = $"'encoding_format' must be \"float\" or \"base64\", not \"{format}\".";
                return false;
        }

        if (body.TryGetProperty("dimensions", out var dimensions) && dimensions.ValueKind != JsonValueKind.Null
            && !(dimensions.ValueKind == JsonValueKind.Number && dimensions.TryGetInt32(out var value) && value == EmbeddingModel.Dimensions))
        {
            error = $"'{EmbeddingModel.Name}' produces {EmbeddingModel.Dimensions} dimensions; omit 'dimensions' or set it to {EmbeddingModel.Dimensions}.";
            return false;
        }

        return true;
    }
}

/// <summary>How vectors are written in the response.</summary>
public enum EmbeddingEncoding
{
    /// <summary>JSON arrays of numbers.</summary>
    Numbers,

    /// <summary>Base64 of little-endian float32 bytes, as OpenAI's clients request by default.</summary>
    Base64,
}
