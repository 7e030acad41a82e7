namespace AiNow.Inference.Extensions;

/// <summary>Makes every error the framework produces itself an RFC 7807 problem, like the endpoints' own.</summary>
public static class ProblemResponses
{
    /// <summary>Turns unhandled exceptions and bodiless error statuses (404, 405, ...) into problem responses.</summary>
    public static WebApplication UseProblemResponses(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
