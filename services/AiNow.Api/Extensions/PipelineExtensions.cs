using AiNow.ServiceDefaults;
using AiNow.Api.Apis;
using AiNow.Api.Security;

namespace AiNow.Api.Extensions;

/// <summary>The api's middleware and endpoints, shared by Program and the tests.</summary>
public static class PipelineExtensions
{
    /// <summary>Problems for exceptions and empty error responses, then principal verification.</summary>
    public static IApplicationBuilder UseApiPipeline(this IApplicationBuilder app)
    {
        app.UseProblemResponses();
        app.UseMiddleware<PrincipalVerificationMiddleware>();
        return app;
    }

    /// <summary>Maps every feature's endpoints.</summary>
    public static IEndpointRouteBuilder MapApis(this IEndpointRouteBuilder app)
    {
        app.MapAdminApi();
        app.MapInternalApi();
        app.MapEmbeddingsApi();
        app.MapChatApi();
        app.MapBatchesApi();
        app.MapUsageApi();
        return app;
    }
}
