using Microsoft.AspNetCore.Diagnostics;

namespace AiNow.Inference.Extensions;

/// <summary>
/// Answers framework-level bad requests (<see cref="BadHttpRequestException"/>: unreadable or oversized
/// bodies, failed binding) with their own 4xx status as a problem, instead of a generic 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = badRequest.StatusCode,
                Title = "Bad request",
                Detail = badRequest.Message,
            },
        });
    }
}
