using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace AiNow.Inference.Tests.Support;

/// <summary>What the fake upstream received.</summary>
public sealed record UpstreamCall(HttpMethod Method, Uri? Uri, string? Authorization, string? ContentType, string? Body);

/// <summary>Stands in for the OpenAI-compatible LLM: records each request and answers as the test says.</summary>
public sealed class FakeUpstreamHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    private readonly ConcurrentQueue<UpstreamCall> _calls = new();

    public IReadOnlyList<UpstreamCall> Calls => [.. _calls];

    public static FakeUpstreamHandler Answering(HttpStatusCode status, string body, string contentType = "application/json") =>
        new((_, _) => Task.FromResult(new HttpResponseMessage(status)
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        }));

    public static FakeUpstreamHandler Throwing(Exception exception) =>
        new((_, _) => Task.FromException<HttpResponseMessage>(exception));

    public static FakeUpstreamHandler NeverAnswering() =>
        new(async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        _calls.Enqueue(new UpstreamCall(
            request.Method,
            request.RequestUri,
            request.Headers.Authorization?.ToString(),
            request.Content?.Headers.ContentType?.MediaType,
            body));
        return await respond(request, cancellationToken);
    }
}
