namespace AiNow.Gateway.Security;

/// <summary>
/// Applies <see cref="SecurityHeaders"/> to every response just before its headers are sent. Doing it then,
/// rather than now, covers what is decided later: the api's headers the proxy copies in, problem responses
/// written after the exception handler cleared the response, and status code pages.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            SecurityHeaders.Apply((HttpResponse)state);
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }
}
