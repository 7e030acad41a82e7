using System.Net.Http.Headers;
using AiNow.Api.Embeddings;
using AiNow.Contracts.Inference;

namespace AiNow.Api.Chat;

/// <summary>
/// Sends chat completion bodies to inference. Its HttpClient has no retries (a retried
/// completion is charged twice upstream) and a long timeout (models answer slowly).
/// </summary>
public sealed class ChatCompletionsClient(HttpClient http)
{
    /// <summary>What a tenant is told when chat completions cannot be served; it names no internal service.</summary>
    public const string UnavailableDetail = "Chat completions are unavailable right now. Retry in a few seconds.";

    /// <summary>Sends <paramref name="body"/>; the response is returned once its headers arrive, so streams pass through.</summary>
    /// <exception cref="InferenceFailedException">Inference is unreachable or timed out (503, <see cref="UnavailableDetail"/>).</exception>
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
        catch (Exception exception) when (InferenceEmbeddingsClient.IsTransportFailure(exception, cancellationToken))
        {
            throw new InferenceFailedException(
                StatusCodes.Status503ServiceUnavailable,
                UnavailableDetail,
                exception);
        }
    }
}
