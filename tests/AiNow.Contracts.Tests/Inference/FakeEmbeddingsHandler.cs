using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AiNow.Contracts.Tests.Inference;

/// <summary>
/// Stands in for inference's <c>POST /v1/embeddings</c>: each text's vector is [its length, its position + 1], answered
/// in reverse order, two tokens per text. <see cref="Respond"/> replaces the answer or throws what a transport would.
/// </summary>
internal sealed class FakeEmbeddingsHandler : HttpMessageHandler
{
    public List<(string Path, IReadOnlyList<string> Inputs, string? Model)> Requests { get; } = [];

    /// <summary>Called with the request's texts and cancellation token; a non-null result is answered instead.</summary>
    public Func<IReadOnlyList<string>, CancellationToken, Task<HttpResponseMessage?>>? Respond { get; set; }

    public HttpClient CreateClient() => new(this) { BaseAddress = new Uri("http://inference") };

    public static float[] VectorFor(string text, int position) => [text.Length, position + 1];

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadFromJsonAsync(ContractsJsonContext.Default.EmbeddingRequest, cancellationToken);
        var texts = body!.Input.Deserialize(ContractsJsonContext.Default.IReadOnlyListString)!;
        Requests.Add((request.RequestUri!.AbsolutePath, texts, body.Model));

        if (Respond is not null && await Respond(texts, cancellationToken) is { } replacement)
        {
            return replacement;
        }

        var items = texts.Select((text, index) => new EmbeddingItem("embedding", index, VectorFor(text, index))).Reverse().ToList();
        var response = new EmbeddingResponse("list", items, body.Model ?? EmbeddingModel.Name, new EmbeddingUsage(texts.Count * 2, texts.Count * 2));
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(response, ContractsJsonContext.Default.EmbeddingResponse) };
    }
}
