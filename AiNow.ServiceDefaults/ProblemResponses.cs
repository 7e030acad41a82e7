using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AiNow.ServiceDefaults;

/// <summary>
/// Every error an AI-Now service answers is an RFC 7807 problem: its endpoints' own, the framework's
/// bodiless statuses (404, 405, ...) and requests the framework itself refuses.
/// </summary>
public static class ProblemResponses
{
    /// <summary>Registers problem details and the handler that keeps bad requests out of the 500s.</summary>
    public static IServiceCollection AddProblemResponses(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestProblemHandler>();
        return services;
    }

    /// <summary>Turns unhandled exceptions and bodiless error statuses into problem responses.</summary>
    public static TApp UseProblemResponses<TApp>(this TApp app) where TApp : IApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
