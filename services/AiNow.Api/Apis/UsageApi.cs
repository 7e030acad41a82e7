using AiNow.Api.Http;
using AiNow.Api.Security;
using AiNow.Api.Usage;
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

    /// <summary>How long a usage read waits for this replica's pending charges to reach the ledger.</summary>
    public static readonly TimeSpan PendingChargesBudget = TimeSpan.FromSeconds(3);

    private static async Task<IResult> GetUsageAsync(
        HttpContext context, UsageLedger ledger, PendingUsage pending, CancellationToken cancellationToken)
    {
        // Charges are written behind the requests; a tenant reading its usage expects its own requests in it.
        if (!await pending.WaitStoredAsync(PendingChargesBudget, cancellationToken))
        {
            context.Response.Headers.RetryAfter = "5";
            return Problems.ServiceUnavailable("Usage cannot be read right now: recent charges are still being recorded. Retry in a few seconds.");
        }

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
