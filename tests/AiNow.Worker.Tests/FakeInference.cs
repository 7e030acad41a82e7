using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiNow.Contracts;

namespace AiNow.Worker.Tests;

/// <summary>
/// Stands in for the inference service: each text's vector is [its length, the request number], each request
/// costs two tokens per text, and <see cref="OnRequest"/> can fail or intercept a request.
/// </summary>
internal sealed class FakeInference : HttpMessageHandler
{
    private int _requestCount;

    public ConcurrentQueue<IReadOnlyList<string>> Requests { get; } = new();

    /// <summary>
    /// Called with the request number (1-based) and the request's cancellation token before answering; a non-null
    /// result is returned instead, and an exception is what the caller's HttpClient throws.
    /// </summary>
    public Func<int, CancellationToken, Task<HttpResponseMessage?>>? OnRequest { get; set; }

    public HttpClient CreateClient() => new(this) { BaseAddress = new Uri("http://inference") };

    public static float[] VectorFor(string text, int requestNumber) => [text.Length, requestNumber];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/v1/embeddings", request.RequestUri!.AbsolutePath);

        var number = Interlocked.Increment(ref _requestCount);
        var body = await request.Content!.ReadFromJsonAsync<EmbeddingRequest>(cancellationToken);
        var texts = body!.Input.Deserialize<string[]>()!;
        Requests.Enqueue(texts);

        if (OnRequest is not null && await OnRequest(number, cancellationToken) is { } replacement)
        {
            return replacement;
        }

        // Answered in reverse order: the client must place vectors by index, not by position.
        var items = texts.Select((text, index) => new EmbeddingItem("embedding", index, VectorFor(text, number))).Reverse().ToList();
        var response = new EmbeddingResponse("list", items, body.Model ?? EmbeddingModel.Name, new EmbeddingUsage(texts.Length * 2, texts.Length * 2));
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(response) };
    }
}
