using AiNow.Api.Security;
using AiNow.Contracts;
using AiNow.Data;

namespace AiNow.Api.Apis;

/// <summary><c>GET /v1/usage</c>: the calling tenant's usage totals.</summary>
public static class UsageApi
{
    public static IEndpointRouteBuilder MapUsageApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/usage", GetUsageAsync).RequirePrincipal(PrincipalKind.Tenant).WithTags("Usage");
        return app;
    }

    private static async Task<IResult> GetUsageAsync(HttpContext context, UsageLedger ledger, CancellationToken cancellationToken)
    {
        var summary = await ledger.GetSummaryAsync(context.GetTenantId(), cancellationToken);
        return TypedResults.Ok(new UsageResponse(
            summary.TenantId,
            summary.Requests,
            summary.Tokens,
            [.. summary.Operations.Select(o => new OperationUsageResponse(o.Operation, o.Requests, o.Tokens))]));
    }

    internal sealed record UsageResponse(Guid TenantId, long Requests, long Tokens, IReadOnlyList<OperationUsageResponse> Operations);

    internal sealed record OperationUsageResponse(string Operation, long Requests, long Tokens);
}
