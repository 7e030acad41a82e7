using Microsoft.AspNetCore.Mvc;

namespace AiNow.Gateway.Errors;

/// <summary>Writes the gateway's own error responses as RFC 7807 <c>application/problem+json</c>.</summary>
public static class GatewayProblem
{
    // The framework's defaults have no type link for these two statuses.
    private static readonly Dictionary<int, string> s_typeLinks = new()
    {
        [StatusCodes.Status413PayloadTooLarge] = "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        [StatusCodes.Status429TooManyRequests] = "https://tools.ietf.org/html/rfc6585#section-4",
    };

    /// <summary>Writes a problem with <paramref name="statusCode"/>; headers set before the call are kept.</summary>
    public static Task WriteAsync(HttpContext context, int statusCode, string title, string detail)
    {
        var problem = new ProblemDetails
        {
            Status = statusCode,
            Title = title,
            Detail = detail,
            Type = s_typeLinks.GetValueOrDefault(statusCode),
            Instance = context.Request.Path,
        };

        context.Response.StatusCode = statusCode;
        return TypedResults.Problem(problem).ExecuteAsync(context);
    }
}
