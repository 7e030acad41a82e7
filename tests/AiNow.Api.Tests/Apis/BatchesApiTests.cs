using System.Net;
using System.Text.Json;
using AiNow.Api.Tenants;
using AiNow.Api.Tests.Support;
using AiNow.Testing;
using AiNow.Contracts;
using AiNow.Data;
using Npgsql;

namespace AiNow.Api.Tests.Apis;

/// <summary>The batch endpoints over a real database (the queue is the Data project's BatchJobStore).</summary>
[Collection(PostgresServer.Name)]
public sealed class BatchesApiTests(TemporaryPostgres postgres) : IAsyncLifetime
{
    private ApiTestHost _host = null!;
    private NpgsqlDataSource _dataSource = null!;
    private Principal _tenant = null!;
    private Principal _otherTenant = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await MigratedDatabase.CreateAsync(postgres);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _host = await ApiTestHost.StartAsync(connectionString);
        _tenant = await AddTenantAsync("batch-tenant");
        _otherTenant = await AddTenantAsync("other-tenant");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    [Fact]
    public async Task Create_ValidInput_Is202WithLocationAndQueuedJob()
    {
        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/batches", _tenant, """{"input":["one","two","three"]}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal("queued", body.GetProperty("status").GetString());
        Assert.True(body.TryGetProperty("createdAt", out _));
        Assert.Equal($"/v1/batches/{id}", response.Headers.Location?.OriginalString);

        var job = await new BatchJobStore(_dataSource, new UsageLedger(_dataSource)).GetAsync(_tenant.TenantId, id, CancellationToken.None);
        Assert.NotNull(job);
        Assert.Equal(["one", "two", "three"], job.Inputs);
        Assert.Equal(EmbeddingModel.Name, job.Model);
        Assert.Equal(5, job.MaxAttempts);
    }

    [Fact]
    public async Task Create_MaximumBatch_IsAccepted()
    {
        var json = JsonSerializer.Serialize(new { input = Enumerable.Range(0, EmbeddingModel.MaxInputsPerBatch).Select(i => $"text {i}") });

        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/batches", _tenant, json);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Get_OwnJob_ReturnsStatusWithoutResults()
    {
        var id = await CreateJobAsync(_tenant);

        using var response = await _host.SendAsync(HttpMethod.Get, $"/v1/batches/{id}", _tenant);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(id, body.GetProperty("id").GetGuid());
        Assert.Equal("queued", body.GetProperty("status").GetString());
        Assert.Equal(2, body.GetProperty("inputCount").GetInt32());
        Assert.Equal(0, body.GetProperty("attempts").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("completedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("error").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("results").ValueKind);
    }

    [Fact]
    public async Task Get_CompletedJob_ReturnsIndexedResults()
    {
        var id = await CreateJobAsync(_tenant);
        var store = new BatchJobStore(_dataSource, new UsageLedger(_dataSource));
        var claimed = await store.ClaimNextAsync("worker-1", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal(id, claimed?.Id);
        Assert.True(await store.CompleteAsync(id, "worker-1", [[1f, 2f], [3f, 4f]], 7, CancellationToken.None));

        using var response = await _host.SendAsync(HttpMethod.Get, $"/v1/batches/{id}", _tenant);

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("succeeded", body.GetProperty("status").GetString());
        Assert.Equal(1, body.GetProperty("attempts").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, body.GetProperty("completedAt").ValueKind);
        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, results.Count);
        Assert.Equal(1, results[1].GetProperty("index").GetInt32());
        Assert.Equal([3f, 4f], results[1].GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()));
    }

    [Fact]
    public async Task Get_OtherTenantsJob_Is404()
    {
        var id = await CreateJobAsync(_otherTenant);

        using var response = await _host.SendAsync(HttpMethod.Get, $"/v1/batches/{id}", _tenant);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "No batch job");
    }

    [Fact]
    public async Task Get_UnknownJob_Is404()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, $"/v1/batches/{Guid.NewGuid()}", _tenant);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "No batch job");
    }

    [Fact]
    public async Task Create_PastThePendingJobQuota_Is429WithRetryAfterNamingTheLimitAndTheCount()
    {
        var defaults = new ApiOptions();
        for (var i = 0; i < defaults.MaxPendingBatchesPerTenant; i++)
        {
            await CreateJobAsync(_tenant);
        }

        using var refused = await _host.SendAsync(HttpMethod.Post, "/v1/batches", _tenant, """{"input":["one more"]}""");

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests,
            $"at most {defaults.MaxPendingBatchesPerTenant} batch jobs may be unfinished (queued or running) at a time, and this tenant has {defaults.MaxPendingBatchesPerTenant}");
        Assert.Equal(TimeSpan.FromSeconds(30), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(defaults.MaxPendingBatchesPerTenant, await CountJobsAsync(_tenant));
        await CreateJobAsync(_otherTenant);
    }

    [Fact]
    public async Task Create_PastThePendingInputQuota_Is429NamingTheTexts()
    {
        var fullBatch = JsonSerializer.Serialize(new { input = Enumerable.Range(0, EmbeddingModel.MaxInputsPerBatch).Select(i => $"text {i}") });
        var fits = new ApiOptions().MaxPendingBatchInputsPerTenant / EmbeddingModel.MaxInputsPerBatch;
        for (var i = 0; i < fits; i++)
        {
            using var accepted = await _host.SendAsync(HttpMethod.Post, "/v1/batches", _tenant, fullBatch);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        using var refused = await _host.SendAsync(HttpMethod.Post, "/v1/batches", _tenant, fullBatch);

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests,
            $"this tenant has {fits * EmbeddingModel.MaxInputsPerBatch} and this job adds {EmbeddingModel.MaxInputsPerBatch}");
    }

    [Fact]
    public async Task Create_AfterAJobFinishes_IsAcceptedAgain()
    {
        var store = new BatchJobStore(_dataSource, new UsageLedger(_dataSource));
        for (var i = 0; i < new ApiOptions().MaxPendingBatchesPerTenant; i++)
        {
            await CreateJobAsync(_tenant);
        }

        var claimed = await store.ClaimNextAsync("worker-1", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.True(await store.CompleteAsync(claimed!.Id, "worker-1", [[1f], [2f]], 2, CancellationToken.None));

        await CreateJobAsync(_tenant);
    }

    [Fact]
    public async Task Get_JobPastRetention_Is410SayingTheResultsExpired()
    {
        var id = await CreateJobAsync(_tenant);
        var store = new BatchJobStore(_dataSource, new UsageLedger(_dataSource));
        await store.ClaimNextAsync("worker-1", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.True(await store.CompleteAsync(id, "worker-1", [[1f], [2f]], 2, CancellationToken.None));
        await new BatchJobRetention(_dataSource).ExpireFinishedAsync(DateTimeOffset.UtcNow.AddDays(30), TimeSpan.FromDays(7), 500, CancellationToken.None);

        using var response = await _host.SendAsync(HttpMethod.Get, $"/v1/batches/{id}", _tenant);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Gone, $"Batch job '{id}' succeeded at ");
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("(2 texts)", detail, StringComparison.Ordinal);
        Assert.Contains("its inputs and results were deleted at", detail, StringComparison.Ordinal);
        Assert.Contains("Submit the texts again", detail, StringComparison.Ordinal);
    }

    private async Task<long> CountJobsAsync(Principal tenant)
    {
        await using var command = _dataSource.CreateCommand("SELECT count(*) FROM batch_jobs WHERE tenant_id = @t");
        command.Parameters.AddWithValue("t", tenant.TenantId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<Guid> CreateJobAsync(Principal tenant)
    {
        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/batches", tenant, """{"input":["a","b"]}""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
    }

    // The tenant exists in the database (for the jobs' foreign key) and in the host's tenant store (for the principal check).
    private async Task<Principal> AddTenantAsync(string name)
    {
        var tenant = (await new TenantStore(_dataSource).CreateAsync(name, 60, CancellationToken.None))!;
        _host.Tenants.Add(tenant);
        return Principal.ForTenant(tenant.Id);
    }
}
