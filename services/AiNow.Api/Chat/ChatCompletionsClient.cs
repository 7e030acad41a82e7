using System.Net.Http.Headers;
using AiNow.Api.Embeddings;

namespace AiNow.Api.Chat;

/// <summary>
/// Forwards chat completion bodies to inference unchanged. Its HttpClient has no retries (a retried
/// completion is charged twice upstream) and a long timeout (models answer slowly).
/// </summary>
public sealed class ChatCompletionsClient(HttpClient http)
{
    /// <summary>Sends <paramref name="body"/>; the response is returned once its headers arrive, so streams pass through.</summary>
    /// <exception cref="InferenceFailedException">Inference is unreachable or timed out (503).</exception>
    public async Task<HttpResponseMessage> SendAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };

        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception exception) when (InferenceClient.IsTransportFailure(exception, cancellationToken))
        {
            throw new InferenceFailedException(
                StatusCodes.Status503ServiceUnavailable,
                "The inference service is not reachable right now, or did not answer in time. Retry in a few seconds.",
                exception);
        }
    }
}
