using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using AiNow.Api.Http;
using AiNow.Contracts;
using Polly;

namespace AiNow.Api.Embeddings;

/// <summary>Calls inference's <c>POST /v1/embeddings</c>; every failure becomes an <see cref="InferenceFailedException"/>.</summary>
public sealed class InferenceClient(HttpClient http)
{
    public async Task<EmbeddingResponse> EmbedAsync(string model, IReadOnlyList<string> inputs, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsJsonAsync("v1/embeddings", new InferenceEmbeddingRequest(inputs, model), ApiJsonContext.Default.InferenceEmbeddingRequest, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw FromStatus(response.StatusCode);
            }

            var body = await response.Content.ReadFromJsonAsync(ContractsJsonContext.Default.EmbeddingResponse, cancellationToken);
            if (body?.Data is null || body.Usage is null || body.Data.Count != inputs.Count || body.Data.Any(item => item?.Embedding is null))
            {
                throw new InferenceFailedException(
                    StatusCodes.Status502BadGateway,
                    $"Inference answered without one embedding per input ({inputs.Count} expected). Retry; if it persists, report it to the operator.");
            }

            return body;
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            throw new InferenceFailedException(
                StatusCodes.Status503ServiceUnavailable,
                "The inference service is not reachable right now. Retry in a few seconds.",
                exception);
        }
        catch (JsonException exception)
        {
            throw new InferenceFailedException(
                StatusCodes.Status502BadGateway, "Inference answered with a body that is not an embeddings response.", exception);
        }
    }

    /// <summary>Network errors, timeouts and an open circuit; not the caller's own cancellation.</summary>
    internal static bool IsTransportFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or ExecutionRejectedException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static InferenceFailedException FromStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests or HttpStatusCode.GatewayTimeout =>
            new(StatusCodes.Status503ServiceUnavailable, $"The inference service is busy or unavailable ({(int)status}). Retry in a few seconds."),
        _ => new(StatusCodes.Status502BadGateway, $"The inference service failed with status {(int)status}. Retry; if it persists, report it to the operator."),
    };

    internal sealed record InferenceEmbeddingRequest(
        [property: JsonPropertyName("input")] IReadOnlyList<string> Input,
        [property: JsonPropertyName("model")] string Model);
}
