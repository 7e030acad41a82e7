using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Polly;

namespace AiNow.Contracts.Inference;

/// <summary>
/// Calls inference's <c>POST /v1/embeddings</c> for the api and the worker. Each service registers it with its own
/// HttpClient settings (base address, resilience, principal signing); this class only decides what an answer means.
/// </summary>
public sealed class InferenceEmbeddingsClient(HttpClient httpClient)
{
    /// <summary>Relative, so a base address with a path prefix is kept.</summary>
    public const string RequestPath = "v1/embeddings";

    // Enough of an error body for the operator's log to tell what went wrong.
    private const int MaxErrorBodyLength = 500;

    /// <summary>Embeds <paramref name="inputs"/> with <paramref name="model"/>.</summary>
    /// <returns>The response with exactly one item per input, in input order (<c>Data[i].Index == i</c>).</returns>
    /// <exception cref="InferenceCallException">Inference was unavailable, answered an error, or answered a body that does not fit.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<EmbeddingResponse> EmbedAsync(string model, IReadOnlyList<string> inputs, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(inputs);
        try
        {
            return await SendAsync(model, inputs, cancellationToken);
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            throw new InferenceCallException(
                InferenceFailureKind.Unavailable, $"Inference could not be reached or did not answer in time: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// No usable connection (refused, reset, name not resolved, a body cut off), a timeout of the resilience pipeline
    /// or of the client itself, an open circuit or shed load; never the caller's own cancellation.
    /// </summary>
    public static bool IsTransportFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or HttpIOException or ExecutionRejectedException or TimeoutException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>Overloaded or briefly gone (behind a proxy or during a rollout): worth waiting out.</summary>
    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private async Task<EmbeddingResponse> SendAsync(string model, IReadOnlyList<string> inputs, CancellationToken cancellationToken)
    {
        var request = new EmbeddingRequest { Input = JsonSerializer.SerializeToElement(inputs, ContractsJsonContext.Default.IReadOnlyListString), Model = model };
        using var response = await httpClient.PostAsJsonAsync(RequestPath, request, ContractsJsonContext.Default.EmbeddingRequest, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.BadRequest && InputTooLong.TryReadIndex(body) is { } index)
            {
                throw new InferenceCallException(InferenceFailureKind.InputTooLong, $"Inference refused input {index} as too long: {Bounded(body)}")
                {
                    StatusCode = response.StatusCode,
                    InputIndex = index,
                };
            }

            throw new InferenceCallException(
                IsTransientStatus(response.StatusCode) ? InferenceFailureKind.Unavailable : InferenceFailureKind.Failed,
                $"Inference answered {(int)response.StatusCode} {response.ReasonPhrase}: {Bounded(body)}")
            {
                StatusCode = response.StatusCode,
            };
        }

        EmbeddingResponse? payload;
        try
        {
            payload = await response.Content.ReadFromJsonAsync(ContractsJsonContext.Default.EmbeddingResponse, cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new InferenceCallException(
                InferenceFailureKind.InvalidResponse, $"Inference answered with a body that is not an embeddings response: {exception.Message}", exception);
        }

        return InferenceEmbeddingsResponse.InInputOrder(payload, model, inputs.Count);
    }

    private static string Bounded(string body) => body.Length <= MaxErrorBodyLength ? body : body[..MaxErrorBodyLength];
}
