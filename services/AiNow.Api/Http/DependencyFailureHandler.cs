using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using StackExchange.Redis;

namespace AiNow.Api.Http;

/// <summary>
/// A database that cannot be reached is a temporary condition the client can retry, not an internal
/// error: answer 503 with a retry hint rather than 500.
/// </summary>
internal sealed partial class DependencyFailureHandler(IProblemDetailsService problemDetails, ILogger<DependencyFailureHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var dependency = exception switch
        {
            NpgsqlException { IsTransient: true } => "database",
            RedisConnectionException => "cache",
            _ => null,
        };

        if (dependency is null)
        {
            return false;
        }

        LogDependencyUnavailable(logger, dependency, exception);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                // Which store failed is for the log above; the tenant learns only that retrying will help.
                Detail = "This request cannot be served right now. Retry in a few seconds.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Dependency} is unavailable")]
    private static partial void LogDependencyUnavailable(ILogger logger, string dependency, Exception exception);
}
