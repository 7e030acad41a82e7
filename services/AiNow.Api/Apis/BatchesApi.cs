using AiNow.Api.Embeddings;
using AiNow.Api.Http;
using AiNow.Api.Security;
using AiNow.Api.Telemetry;
using AiNow.Contracts;
using AiNow.Data;
using AiNow.ServiceDefaults.Http;
using AiNow.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;

namespace AiNow.Api.Apis;

/// <summary>
/// Batch embedding jobs: queued here within the tenant's quota (429 past it), run by the worker, read back by id
/// until retention deletes a finished job's inputs and results (410 after that).
/// </summary>
public static class BatchesApi
{
    public static IEndpointRouteBuilder MapBatchesApi(this IEndpointRouteBuilder app)
    {
        var batches = app.MapGroup("/v1/batches").RequirePrincipal(PrincipalKind.Tenant).WithTags("Batches");
        batches.MapPost("/", CreateBatchAsync);
        batches.MapGet("/{id}", GetBatchAsync);
        return app;
    }

    private static async Task<IResult> CreateBatchAsync(
        HttpContext context, JsonRequestBodyReader bodies, BatchJobStore jobs, IOptions<ApiOptions> options, ApiMetrics metrics, CancellationToken cancellationToken)
    {
        var body = await bodies.ReadObjectAsync(context.Request, cancellationToken);
        if (!body.IsValid)
        {
            return body.Problem;
        }

        if (!EmbeddingRequestReader.TryRead(body.Value, EmbeddingModel.MaxInputsPerBatch, out var batch, out var error))
        {
            return Problems.BadRequest(error);
        }

        var tenantId = context.GetTenantId();
        var settings = options.Value;
        var quota = new BatchQuota(settings.MaxPendingBatchesPerTenant, settings.MaxPendingBatchInputsPerTenant);
        var queued = await jobs.TryEnqueueAsync(
            tenantId, batch.Model, batch.Inputs, settings.BatchMaxAttempts, quota, cancellationToken, AiNowActivities.CurrentTraceParent());
        if (queued.Job is not { } job)
        {
            return BatchProblems.QuotaExceeded(context.Response, quota, queued.Usage!, batch.Inputs.Count);
        }

        metrics.BatchSubmitted(tenantId);
        return TypedResults.Accepted($"/v1/batches/{job.Id}", new BatchCreatedResponse(job.Id, job.Status, job.CreatedAt));
    }

    private static async Task<IResult> GetBatchAsync(string id, HttpContext context, BatchJobStore jobs, CancellationToken cancellationToken)
    {
        if (!RouteIds.TryParse(id, out var jobId))
        {
            return Problems.NotFound(RouteIds.NotAGuid("batch job", id));
        }

        var job = await jobs.GetAsync(context.GetTenantId(), jobId, cancellationToken);
        if (job is null)
        {
            // Same answer for "does not exist" and "belongs to another tenant": ids of others' jobs stay secret.
            return Problems.NotFound($"No batch job '{jobId}' exists for this tenant. Use the id POST /v1/batches returned.");
        }

        if (job.IsExpired)
        {
            return BatchProblems.Expired(job);
        }

        return TypedResults.Ok(new BatchJobResponse(
            job.Id,
            job.Status,
            job.InputCount,
            job.Attempts,
            job.CreatedAt,
            job.CompletedAt,
            job.LastError,
            job.Results is null ? null : [.. job.Results.Select((vector, index) => new BatchResultItem(index, vector))]));
    }

    internal sealed record BatchCreatedResponse(Guid Id, string Status, DateTimeOffset CreatedAt);

    internal sealed record BatchJobResponse(
        Guid Id,
        string Status,
        int InputCount,
        int Attempts,
        DateTimeOffset CreatedAt,
        DateTimeOffset? CompletedAt,
        string? Error,
        IReadOnlyList<BatchResultItem>? Results);

    internal sealed record BatchResultItem(int Index, float[] Embedding);
}
