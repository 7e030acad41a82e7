using System.Net;
using System.Text.Json;
using AiNow.Contracts;
using Polly;

namespace AiNow.Worker.Inference;

/// <summary>Calls the inference service's <c>POST /v1/embeddings</c> for one chunk of a job's inputs.</summary>
internal sealed class InferenceClient(HttpClient httpClient)
{
    // Enough of an error body for the operator's log to tell what went wrong.
    private const int MaxErrorBodyLength = 500;

    /// <summary>Embeds <paramref name="inputs"/>; the vectors come back in input order.</summary>
    /// <exception cref="InferenceException">
    /// Inference was unavailable (<see cref="InferenceException.IsTransient"/>), answered with an error or with a
    /// response that does not fit the request.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<EmbeddedChunk> EmbedAsync(string model, IReadOnlyList<string> inputs, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(model, inputs, cancellationToken);
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            throw new InferenceException($"Inference could not be reached or did not answer in time: {exception.Message}", exception)
            {
                IsTransient = true,
            };
        }
    }

    /// <summary>
    /// No usable connection (refused, reset, name not resolved), a timeout of the resilience pipeline or of the
    /// client itself, an open circuit or shed load; not the caller's own cancellation.
    /// </summary>
    private static bool IsTransportFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or HttpIOException or ExecutionRejectedException or TimeoutException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>Overloaded or briefly gone (behind a proxy or during a rollout): worth waiting out rather than failing the job.</summary>
    private static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private async Task<EmbeddedChunk> SendAsync(string model, IReadOnlyList<string> inputs, CancellationToken cancellationToken)
    {
        var request = new EmbeddingRequest { Input = JsonSerializer.SerializeToElement(inputs, ContractsJsonContext.Default.IReadOnlyListString), Model = model };
        using var response = await httpClient.PostAsJsonAsync("/v1/embeddings", request, ContractsJsonContext.Default.EmbeddingRequest, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InferenceException(
                $"Inference answered {(int)response.StatusCode} {response.ReasonPhrase}: " +
                (body.Length <= MaxErrorBodyLength ? body : body[..MaxErrorBodyLength]))
            {
                IsTransient = IsTransientStatus(response.StatusCode),
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
            throw new InferenceException($"Inference answered with a body that is not an embeddings response: {exception.Message}", exception);
        }

        if (payload?.Data is null || payload.Usage is null)
        {
            throw new InferenceException("Inference answered with an empty embeddings response.");
        }

        if (payload.Data.Count != inputs.Count)
        {
            throw new InferenceException($"Inference returned {payload.Data.Count} vectors for {inputs.Count} inputs.");
        }

        var vectors = new float[inputs.Count][];
        foreach (var item in payload.Data)
        {
            if (item.Index < 0 || item.Index >= vectors.Length || vectors[item.Index] is not null || item.Embedding is null)
            {
                throw new InferenceException($"Inference returned an invalid or repeated vector index {item.Index}.");
            }

            vectors[item.Index] = item.Embedding;
        }

        return new EmbeddedChunk(vectors, payload.Usage.TotalTokens);
    }
}

/// <summary>The vectors of one chunk, in input order, and the tokens inference counted for it.</summary>
internal sealed record EmbeddedChunk(IReadOnlyList<float[]> Vectors, int Tokens);
