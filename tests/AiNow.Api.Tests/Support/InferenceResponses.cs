using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiNow.Contracts;

namespace AiNow.Api.Tests.Support;

/// <summary>Answers an inference stub would give.</summary>
internal static class InferenceResponses
{
    /// <summary>A well-formed embeddings answer for the request body: one 384-vector per input, 3 tokens per input.</summary>
    public static HttpResponseMessage Embeddings(string requestBody)
    {
        var inputs = JsonDocument.Parse(requestBody).RootElement.GetProperty("input").EnumerateArray().Select(e => e.GetString()!).ToList();
        var data = inputs.Select((text, index) => new EmbeddingItem("embedding", index, Vector(text))).ToList();
        var response = new EmbeddingResponse("list", data, EmbeddingModel.Name, new EmbeddingUsage(inputs.Count * 3, inputs.Count * 3));
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(response) };
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, mediaType) };

    private static float[] Vector(string text)
    {
        var vector = new float[EmbeddingModel.Dimensions];
        vector[0] = text.Length;
        vector[1] = 0.5f;
        return vector;
    }
}
