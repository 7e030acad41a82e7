using System.Text;

namespace AiNow.Api.Http;

/// <summary>
/// A 200 whose body is JSON text already written (a cached answer), sent as it is with the content type the
/// api's JSON results carry and its length declared.
/// </summary>
public sealed class JsonBodyResult(string json) : IResult
{
    /// <summary>What <c>TypedResults.Json</c> sends, so a copied body is labelled like a serialized one.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    public string Json { get; } = json ?? throw new ArgumentNullException(nameof(json));

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = Encoding.UTF8.GetByteCount(Json);
        return response.WriteAsync(Json, Encoding.UTF8, httpContext.RequestAborted);
    }
}
