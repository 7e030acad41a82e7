using System.Diagnostics.Metrics;
using AiNow.Contracts.Inference;
using AiNow.Data;
using AiNow.Testing;
using AiNow.Worker.Options;
using AiNow.Worker.Processing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AiNow.Worker.Tests;

/// <summary>A migrated database with a tenant, and the worker's parts wired to it and to a <see cref="FakeInference"/>.</summary>
internal sealed class WorkerDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _metricsServices = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private WorkerDatabase(NpgsqlDataSource dataSource, Guid tenantId)
    {
        DataSource = dataSource;
        TenantId = tenantId;
        Ledger = new UsageLedger(dataSource);
        Jobs = new BatchJobStore(dataSource, Ledger);
    }

    public NpgsqlDataSource DataSource { get; }

    public Guid TenantId { get; }

    public UsageLedger Ledger { get; }

    public BatchJobStore Jobs { get; }

    public FakeInference Inference { get; } = new();

    public WorkerIdentity Identity { get; } = WorkerIdentity.Create();

    public WorkerOptions Options { get; } = new() { ChunkSize = 16, LeaseSeconds = 30, PollMilliseconds = 50 };

    public IMeterFactory MeterFactory => _metricsServices.GetRequiredService<IMeterFactory>();

    public static async Task<WorkerDatabase> CreateAsync(TemporaryPostgres postgres)
    {
        var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        await new SchemaMigrator(dataSource).ApplyAsync(CancellationToken.None);

        var tenantId = Guid.NewGuid();
        await using var command = dataSource.CreateCommand("INSERT INTO tenants (id, name, rate_limit_per_minute) VALUES (@id, 'worker-tests', 60)");
        command.Parameters.AddWithValue("id", tenantId);
        await command.ExecuteNonQueryAsync();
        return new WorkerDatabase(dataSource, tenantId);
    }

    /// <summary>
    /// A processor of this worker (or of <paramref name="identity"/>, a competing worker on the same queue) whose
    /// lease heartbeat runs on <paramref name="time"/> (the system clock unless a test holds one).
    /// </summary>
    public BatchJobProcessor CreateProcessor(TimeProvider? time = null, WorkerIdentity? identity = null) => new(
        Jobs,
        new InferenceEmbeddingsClient(Inference.CreateClient()),
        identity ?? Identity,
        Microsoft.Extensions.Options.Options.Create(Options),
        new WorkerMetrics(MeterFactory),
        time ?? TimeProvider.System,
        NullLogger<BatchJobProcessor>.Instance);

    /// <summary>The services the poller resolves, as the application registers them but with the fake inference.</summary>
    public ServiceProvider CreateWorkerServices()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddMetrics();
        services.AddSingleton(Jobs);
        services.AddSingleton(Identity);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(Options));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<WorkerMetrics>();
        services.AddScoped(_ => new InferenceEmbeddingsClient(Inference.CreateClient()));
        services.AddScoped<BatchJobProcessor>();
        services.AddSingleton<BatchJobPoller>();
        return services.BuildServiceProvider();
    }

    public async Task<BatchJob> ClaimAsync(Guid jobId)
    {
        var job = await Jobs.ClaimNextAsync(Identity.Id, Options.Lease, CancellationToken.None);
        Assert.NotNull(job);
        Assert.Equal(jobId, job.Id);
        return job;
    }

    public async Task ExecuteAsync(string sql, Guid jobId)
    {
        await using var command = DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", jobId);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<TimeSpan> UntilNextAttemptAsync(Guid jobId)
    {
        await using var command = DataSource.CreateCommand("SELECT next_attempt_at - now() FROM batch_jobs WHERE id = @id");
        command.Parameters.AddWithValue("id", jobId);
        return (TimeSpan)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// How long after the write that ended its last attempt the job becomes due again: the delay the worker chose,
    /// read in the database's own time (both sides of the subtraction are set by the same statement), so it does
    /// not shrink while a loaded machine runs the test.
    /// </summary>
    public async Task<TimeSpan> RetryDelayAsync(Guid jobId)
    {
        await using var command = DataSource.CreateCommand("SELECT next_attempt_at - updated_at FROM batch_jobs WHERE id = @id");
        command.Parameters.AddWithValue("id", jobId);
        return (TimeSpan)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Ends the job's lease now, in the database, as if its worker had stalled past it.</summary>
    public Task ExpireLeaseAsync(Guid jobId) =>
        ExecuteAsync("UPDATE batch_jobs SET lease_expires_at = now() - interval '1 second' WHERE id = @id", jobId);

    /// <summary>Whether the job's lease runs into the future again (has been renewed) within <paramref name="within"/>.</summary>
    public async Task<bool> LeaseRenewedWithinAsync(Guid jobId, TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        while (!deadline.IsCancellationRequested)
        {
            await using var command = DataSource.CreateCommand("SELECT lease_expires_at > now() FROM batch_jobs WHERE id = @id");
            command.Parameters.AddWithValue("id", jobId);
            if (await command.ExecuteScalarAsync() is true)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        }

        return false;
    }

    public async Task<string?> LeaseOwnerAsync(Guid jobId)
    {
        await using var command = DataSource.CreateCommand("SELECT lease_owner FROM batch_jobs WHERE id = @id");
        command.Parameters.AddWithValue("id", jobId);
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>Makes every write that marks a job succeeded fail with <paramref name="sqlState"/>, as a database in trouble would.</summary>
    public async Task FailCompletionsAsync(string sqlState, string message)
    {
        await using var command = DataSource.CreateCommand($$"""
            CREATE FUNCTION fail_completion() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{{message}}' USING ERRCODE = '{{sqlState}}';
            END $$;
            CREATE TRIGGER fail_completion BEFORE UPDATE ON batch_jobs
                FOR EACH ROW WHEN (NEW.status = 'succeeded') EXECUTE FUNCTION fail_completion();
            """);
        await command.ExecuteNonQueryAsync();
    }

    public async Task AllowCompletionsAsync()
    {
        await using var command = DataSource.CreateCommand("DROP TRIGGER fail_completion ON batch_jobs; DROP FUNCTION fail_completion();");
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Inference.Dispose();
        await _metricsServices.DisposeAsync();
        await DataSource.DisposeAsync();
    }
}
