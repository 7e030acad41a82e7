using Microsoft.AspNetCore.Http.Features;

namespace AiNow.Inference.Chat;

/// <summary>
/// Writes the upstream's status, content type and body to the client as they arrive, so streamed
/// (<c>"stream": true</c>) completions reach the caller token by token instead of all at the end.
/// </summary>
public sealed partial class UpstreamResponseResult(HttpResponseMessage upstream) : IResult, IStatusCodeHttpResult, IDisposable
{
    /// <summary>The upstream's status code, returned unchanged.</summary>
    public int? StatusCode => (int)upstream.StatusCode;

    /// <summary>The upstream's content type, returned unchanged.</summary>
    public string? ContentType => upstream.Content.Headers.ContentType?.ToString();

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        using (upstream)
        {
            var response = httpContext.Response;
            response.StatusCode = (int)upstream.StatusCode;
            if (ContentType is { } contentType)
            {
                response.ContentType = contentType;
            }

            httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            var aborted = httpContext.RequestAborted;
            try
            {
                await using var body = await upstream.Content.ReadAsStreamAsync(aborted);
                await body.CopyToAsync(response.Body, aborted);
            }
            catch (Exception exception) when (exception is IOException or HttpRequestException && !aborted.IsCancellationRequested)
            {
                // The status line is already sent, so a problem response is impossible; cutting the
                // connection tells the client the body is incomplete instead of letting it look whole.
                var logger = httpContext.RequestServices.GetRequiredService<ILogger<UpstreamResponseResult>>();
                LogUpstreamBodyBroken(logger, exception);
                httpContext.Abort();
            }
        }
    }

    /// <summary>Releases the upstream response when the result is never executed.</summary>
    public void Dispose() => upstream.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The upstream LLM broke off its response body")]
    private static partial void LogUpstreamBodyBroken(ILogger logger, Exception exception);
}
