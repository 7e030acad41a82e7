using AiNow.Contracts;
using AiNow.Contracts.Inference;
using AiNow.Inference.Embeddings;
using AiNow.Inference.Telemetry;
using AiNow.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiNow.Inference.Apis;

/// <summary><c>POST /v1/embeddings</c>: OpenAI-shaped embeddings from the local model.</summary>
public static class EmbeddingsApi
{
    private const string Example = "{\"input\": [\"first text\", \"second text\"], \"model\": \"" + EmbeddingModel.Name + "\"}";

    public static IEndpointRouteBuilder MapEmbeddingsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/embeddings", CreateEmbeddingsAsync)
            .WithName("CreateEmbeddings")
            .Produces<EmbeddingResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }

    internal static async Task<IResult> CreateEmbeddingsAsync(
        HttpRequest request, JsonRequestBodyReader bodies, SentenceEmbedder embedder, InferenceMetrics metrics, CancellationToken cancellationToken)
    {
        var body = await bodies.ReadAsync(request, InferenceJsonContext.Default.EmbeddingRequest, Example, cancellationToken);
        if (!body.IsValid)
        {
            return body.Problem;
        }

        var embeddingRequest = body.Value;
        if (!EmbeddingInput.TryReadModel(embeddingRequest.Model, out var model, out var modelError))
        {
            return BadRequest(modelError);
        }

        if (!IsSupportedEncoding(embeddingRequest.EncodingFormat))
        {
            return BadRequest($"Unsupported encoding_format '{embeddingRequest.EncodingFormat}'. Use 'float' or leave it out.");
        }

        // The worker sends batch jobs here in chunks, so the batch limit applies, not the per-request one.
        if (!EmbeddingInput.TryRead(embeddingRequest.Input, EmbeddingModel.MaxInputsPerBatch, out var texts, out var inputError))
        {
            return BadRequest(inputError);
        }

        EmbeddingResult result;
        try
        {
            result = await embedder.EmbedAsync(texts, cancellationToken);
        }
        catch (TextTooLongException tooLong)
        {
            return TypedResults.Problem(
                InputTooLong.Detail(tooLong.Index),
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid embeddings request",
                extensions: new Dictionary<string, object?> { [InputTooLong.CodeExtension] = InputTooLong.Code, [InputTooLong.IndexExtension] = tooLong.Index });
        }

        metrics.EmbeddingRequestServed(texts.Count, result.TotalTokens);

        var items = new EmbeddingItem[result.Vectors.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new EmbeddingItem("embedding", i, result.Vectors[i]);
        }

        return TypedResults.Ok(new EmbeddingResponse("list", items, model, new EmbeddingUsage(result.TotalTokens, result.TotalTokens)));
    }

    // OpenAI's SDKs ask for "base64" unless told otherwise and accept float arrays in reply, so both
    // are served as floats; anything else is a client mistake worth reporting.
    private static bool IsSupportedEncoding(string? format) =>
        format is null or "float" or "base64";

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid embeddings request");
}
