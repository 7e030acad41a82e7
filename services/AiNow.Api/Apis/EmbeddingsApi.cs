using AiNow.Api.Embeddings;
using AiNow.Api.Http;
using AiNow.Api.Security;
using AiNow.Contracts;
using AiNow.Contracts.Inference;
using AiNow.ServiceDefaults.Http;

namespace AiNow.Api.Apis;

/// <summary><c>POST /v1/embeddings</c> (OpenAI shape), answered from the tenant's cache or inference.</summary>
public static class EmbeddingsApi
{
    /// <summary>Response header saying whether the answer came from the cache: <c>hit</c> or <c>miss</c>.</summary>
    public const string CacheHeader = "X-AiNow-Cache";

    public static IEndpointRouteBuilder MapEmbeddingsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/embeddings", CreateEmbeddingsAsync).RequirePrincipal(PrincipalKind.Tenant).WithTags("Embeddings");
        return app;
    }

    private static async Task<IResult> CreateEmbeddingsAsync(
        HttpContext context, JsonRequestBodyReader bodies, EmbeddingService embeddings, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var body = await bodies.ReadObjectAsync(context.Request, cancellationToken);
        if (!body.IsValid)
        {
            return body.Problem;
        }

        if (!EmbeddingRequestReader.TryRead(body.Value, EmbeddingModel.MaxInputsPerRequest, out var batch, out var error)
            || !EmbeddingRequestReader.TryReadOutputOptions(body.Value, out var encoding, out error))
        {
            return Problems.BadRequest(error);
        }

        EmbeddingResult result;
        try
        {
            result = await embeddings.EmbedAsync(context.GetTenantId(), batch, encoding, cancellationToken);
        }
        catch (InferenceCallException exception)
        {
            return EmbeddingFailureProblems.For(exception, context.Response, loggers.CreateLogger(typeof(EmbeddingsApi)), "Embedding failed");
        }

        context.Response.Headers[CacheHeader] = result.FromCache ? "hit" : "miss";
        return EmbeddingResponseWriter.Write(result.Answer, encoding);
    }
}
