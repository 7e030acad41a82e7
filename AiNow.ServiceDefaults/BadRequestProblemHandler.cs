using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace AiNow.ServiceDefaults;

/// <summary>
/// Turns framework-level request failures (a body Kestrel refuses, JSON a binder could not read) into
/// problems with the right 4xx status instead of the exception handler's default 500.
/// </summary>
public sealed class BadRequestProblemHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (status, detail) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } =>
                (StatusCodes.Status400BadRequest, $"The body is not valid JSON: {json.Message}"),
            BadHttpRequestException bad => (bad.StatusCode, bad.Message),
            JsonException json => (StatusCodes.Status400BadRequest, $"The body is not valid JSON: {json.Message}"),
            _ => (0, ""),
        };

        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = "Invalid request", Detail = detail },
        });
    }
}
