using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AiNow.Contracts.Telemetry;
using AiNow.Data;
using AiNow.Testing;
using AiNow.Worker.Processing;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace AiNow.Worker.Tests;

[Collection(PostgresServer.Name)]
public sealed class BatchJobProcessorTests(TemporaryPostgres postgres)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ProcessAsync_MoreInputsThanChunkSize_CompletesWithVectorsInInputOrderAndTotalTokens()
    {
        await using var db = await WorkerDatabase.CreateAsync(postgres);
        var inputs = Enumerable.Range(0, 40).Select(i => new string('x', i + 1)).ToList();
        var enqueued = await db.Jobs.EnqueueAsync(db.TenantId, "all-MiniLM-L6-v2", inputs, 3, None);
        var job = await db.ClaimAsync(enqueued.Id);
        using var completions = new CompletedJobCounter(db.MeterFactory);

        var outcome = await db.CreateProcessor().ProcessAsync(job, None);

        Assert.Equal(JobOutcome.Completed, outcome);
        Assert.Equal([16, 16, 8], db.Inference.Requests.Select(request => request.Count));
        var stored = await db.Jobs.GetAsync(db.TenantId, job.Id, None);
        Assert.Equal(BatchJobStatus.Succeeded, stored!.Status);
        var expected = inputs.Select((text, i) => FakeInference.VectorFor(text, i / 16 + 1)).ToList();
        Assert.Equal(expected, stored.Results!);
        var usage = await db.Ledger.GetSummaryAsync(db.TenantId, None);
        Assert.Equal([new OperationUsage(BatchJobStore.UsageOperation, 1, 80)], usage.Operations);
        Assert.Equal(1, completions.Count);
    }

    [Fact]
    public async Task ProcessAsync_ContinuesTheTraceOfTheRequestThatQueuedTheJob()
    {
        await using var db = await WorkerDatabase.CreateAsync(postgres);
        var submitted = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var traceParent = $"00-{submitted.TraceId}-{submitted.SpanId}-01";
        var enqueued = await db.Jobs.EnqueueAsync(db.TenantId, "m", ["a"], 3, None, traceParent);
        var job = await db.ClaimAsync(enqueued.Id);
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AiNowMetrics.MeterName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (spans) { spans.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);

        Assert.Equal(JobOutcome.Completed, await db.CreateProcessor().ProcessAsync(job, None));

        var span = Assert.Single(spans, s => s.OperationName == BatchJobProcessor.ProcessSpanName && s.GetTagItem("ainow.batch.job_id") as string == job.Id.ToString("D"));
        Assert.Equal(submitted.TraceId, span.TraceId);
        Assert.Equal(submitted.SpanId, span.ParentSpanId);
        Assert.Equal(ActivityKind.Consumer, span.Kind);
        Assert.Equal(db.TenantId.ToString("D"), span.GetTagItem(SpanAttributes.Tenant));
        Assert.Equal("completed", span.GetTagItem(AiNowMetrics.OutcomeTag));
    }

    [Fact]
    public async Task ProcessAsync_InferenceFails_RequeuesWithBackoffAndError()
    {
        await using var db = await WorkerDatabase.CreateAsync(postgres);
        var enqueued = await db.Jobs.EnqueueAsync(db.TenantId, "m", ["a", "b"], 3, None);
        var job = await db.ClaimAsync(enqueued.Id);
        db.Inference.OnRequest = (_, _) => Task.FromResult<HttpResponseMessage?>(new HttpResponseMessage(HttpStatusCode.InternalServerError));

        var outcome = await db.CreateProcessor().ProcessAsync(job, None);

        Assert.Equal(JobOutcome.Retrying, outcome);
        var stored = await db.Jobs.GetAsync(db.TenantId, job.Id, None);
        Assert.Equal(BatchJobStatus.Queued, stored!.Status);
        Assert.Equal(1, stored.Attempts);
        Assert.Equal(BatchJobErrors.InferenceError, stored.LastError);
        // First attempt: 2 s with equal jitter, so due 1 to 2 s after the failure was written.
        Assert.InRange(await db.RetryDelayAsync(job.Id), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Assert.Empty((await db.Ledger.GetSummaryAsync(db.TenantId, None)).Operations);
    }

    [Fact]
    public async Task ProcessAsync_ATextTooLongInALaterChunk_FailsTheJobAtOnceNamingItsPlaceInTheJob()
    {
        await using var db = await WorkerDatabase.CreateAsync(postgres);
        var inputs = Enumerable.Range(0, 20).Select(i => $"text {i}").ToList();
        var enqueued = await db.Jobs.EnqueueAsync(db.TenantId, "m", inputs, 3, None);
        var job = await db.ClaimAsync(enqueued.Id);
        // The second chunk (inputs 16 to 19) holds the text inference refuses, third in that chunk.
        db.Inference.OnRequest = (number, _) => Task.FromResult<HttpResponseMessage?>(number == 2
            ? new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                Content = new StringContent("""{"title":"Invalid embeddings request","status":400,"code":"input_too_long","index":2}""", Encoding.UTF8, "application/problem+json"),
            }
            : null);

        var outcome = await db.CreateProcessor().ProcessAsync(job, None);

        Assert.Equal(JobOutcome.Failed, outcome);
        var stored = await db.Jobs.GetAsync(db.TenantId, job.Id, None);
        Assert.Equal(BatchJobStatus.Failed, stored!.Status);
        Assert.Equal(1, stored.Attempts);
        Assert.Equal(BatchJobErrors.InputTooLong(18), stored.LastError);
        Assert.StartsWith("input_too_long: input[18] ", stored.LastError, StringComparison.Ordinal);
        Assert.Empty((await db.Ledger.GetSummaryAsync(db.TenantId, None)).Operations);
    }

    [Fact]
    public async Task ProcessAsync_LastAttemptFails_MarksJobFailed()
    {
        await using var db = await WorkerDatabase.CreateAsync(postgres);
        var enqueued = await db.Jobs.EnqueueAsync(db.TenantId, "m", ["a"], 1, None);
        var job = await db.ClaimAsync(enqueued.Id);
        db.Inference.OnRequest = (_, _) => Task.FromResult<HttpResponseMessage?>(new HttpResponseMessage(HttpStatusCode.BadRequest));

        var outcome = await db.CreateProcessor().ProcessAsync(job, None);

        Assert.Equal(JobOutcome.Failed, outcome);
        var stored = await db.Jobs.GetAsync(db.TenantId, job.Id, None);
        Assert.Equal(BatchJobStatus.Failed, stored!.Status);
        Assert.Equal(BatchJobErrors.InferenceError, stored.LastError);
        Assert.NotNull(stored.CompletedAt);
    }

    [Theory]
    [InlineData("connection refused")]
    [InlineData("resilience timeout")]
    [InlineData("client timeout")]
    [InlineData("circuit open")]
    [InlineData("429")]
    [InlineData("502")]
    [InlineData("503")]
    [InlineData("504")]
    public async Task ProcessAsync_InferenceUnavailable_DefersWithTheAttemptGivenBack(string unavailability)
    {
        await using var db = await WorkerDatabase.CreateAsync(postgres);
        var enqueued = await db.Jobs.EnqueueAsync(db.TenantId, "m", ["a"], 3, None);
        var job = await db.ClaimAsync(enqueued.Id);
        db.Inference.OnRequest = (_, _) => Task.FromResult<HttpResponseMessage?>(InferenceUnavailable(unavailability));

        var outcome = await db.CreateProcessor().ProcessAsync(job, None);

        Assert.Equal(JobOutcome.Deferred, outcome);
        var stored = await db.Jobs.GetAsync(db.TenantId, job.Id, None);
        Assert.Equal(BatchJobStatus.Queued, stored!.Status);
        Assert.Equal(0, stored.Attempts);
        Assert.Equal(BatchJobErrors.InferenceUnavailable, stored.LastError);
        Assert.Null(await db.LeaseOwnerAsync(job.Id));
        // The deferral delay: 10 s with equal jitter, so due 5 to 10 s after the deferral was written.
        Assert.InRange(await db.RetryDelayAsync(job.Id), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
        Assert.Null(await db.Jobs.ClaimNextAsync("another-worker", db.Options.Lease, None));

        await db.ExecuteAsync("UPDATE batch_jobs SET next_attempt_at = now() WHERE id = @id", job.Id);
        var retried = await db.Jobs.ClaimNextAsync("another-worker", db.Options.Lease, None);
        Assert.Equal(job.Id, retried?.Id);
        Assert.Equal(1, retried!.Attempts);
        Assert.Empty((await db.Ledger.GetSummaryAsync(db.TenantId, None)).Operations);
    }

    [Fact]
    public async Task ProcessAsync_InferenceUnavailableOnTheLastAttempt_DefersInsteadOfFailing()
    {
        await using var db = await WorkerDatabase.CreateAsync(postgres);
        var enqueued = await db.Jobs.EnqueueAsync(db.TenantId, "m", ["a"], 1, None);
        var job = await db.ClaimAsync(enqueued.Id);
        db.Inference.OnRequest = (_, _) => Task.FromResult<HttpResponseMessage?>(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));

        var outcome = await db.CreateProcessor().ProcessAsync(job, None);

        Assert.Equal(JobOutcome.Deferred, outcome);
        var stored = await db.Jobs.GetAsync(db.TenantId, job.Id, None);
        Assert.Equal(BatchJobStatus.Queued, stored!.Status);
        Assert.Equal(0, stored.Attempts);
        Assert.Null(stored.CompletedAt);

        await db.ExecuteAsync("UPDATE batch_jobs SET next_attempt_at = now() WHERE id = @id", job.Id);
        Assert.Equal(1, (await db.ClaimAsync(job.Id)).Attempts);
    }

    [Theory]
    [InlineData("connection refused")]
    [InlineData("500")]
    [InlineData("unusable body")]
    public async Task ProcessAsync_AttemptFails_ErrorIsAStableCodeWithoutInternalDetails(string failure)
    {
        await using var db = await WorkerDatabase.CreateAsync(postgres);
        var enqueued = await db.Jobs.EnqueueAsync(db.TenantId, "m", ["a"], 3, None);
        var job = await db.ClaimAsync(enqueued.Id);
        const string Internals = "inference-0.cluster.internal:8080";
        db.Inference.OnRequest = (_, _) => Task.FromResult<HttpResponseMessage?>(failure switch
        {
            "connection refused" => throw new HttpRequestException($"Connection refused ({Internals})", new SocketException((int)SocketError.ConnectionRefused)),
            "500" => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent($"Traceback: worker crashed at {Internals}") },
            _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent($"<html>{Internals}</html>", Encoding.UTF8, "application/json") },
        });

        await db.CreateProcessor().ProcessAsync(job, None);

        var error = (await db.Jobs.GetAsync(db.TenantId, job.Id, None))!.LastError;
        Assert.Equal(
            failure switch
            {
                "connection refused" => BatchJobErrors.InferenceUnavailable,
                "500" => BatchJobErrors.InferenceError,
                _ => BatchJobErrors.InvalidInferenceResponse,
            },
            error);
        Assert.DoesNotContain("Exception", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("internal:8080", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Traceback", error, StringComparison.Ordinal);
        Assert.DoesNotContain("refused", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("html", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ProcessAsync_DatabaseFailsTransientlyWhileCompleting_DefersAndTheJobCompletesLater()
    {
        await using var db = await WorkerDatabase.CreateAsync(postgres);
        var enqueued = await db.Jobs.EnqueueAsync(db.TenantId, "m", ["a"], 1, None);
        var job = await db.ClaimAsync(enqueued.Id);
        await db.FailCompletionsAsync(sqlState: "40001", message: "could not serialize access");

        var outcome = await db.CreateProcessor().ProcessAsync(job, None);

        Assert.Equal(JobOutcome.Deferred, outcome);
        var stored = await db.Jobs.GetAsync(db.TenantId, job.Id, None);
        Assert.Equal(BatchJobStatus.Queued, stored!.Status);
        Assert.Equal(0, stored.Attempts);
        Assert.Equal(BatchJobErrors.StoreUnavailable, stored.LastError);
        Assert.Null(stored.Results);
        Assert.Empty((await db.Ledger.GetSummaryAsync(db.TenantId, None)).Operations);

        await db.AllowCompletionsAsync();
        await db.ExecuteAsync("UPDATE batch_jobs SET next_attempt_at = now() WHERE id = @id", job.Id);
        Assert.Equal(JobOutcome.Completed, await db.CreateProcessor().ProcessAsync(await db.ClaimAsync(job.Id), None));
        var completed = await db.Jobs.GetAsync(db.TenantId, job.Id, None);
        Assert.Equal(1, completed!.Attempts);
        Assert.Null(completed.LastError);
        Assert.Equal(1, (await db.Ledger.GetSummaryAsync(db.TenantId, None)).Requests);
    }

    [Fact]
    public async Task ProcessAsync_DatabaseRefusesTheCompletion_CountsTheAttemptWithAGenericError()
    {
        await using var db = await WorkerDatabase.CreateAsync(postgres);
        var enqueued = await db.Jobs.EnqueueAsync(db.TenantId, "m", ["a"], 3, None);
        var job = await db.ClaimAsync(enqueued.Id);
        await db.FailCompletionsAsync(sqlState: "P0001", message: "secret detail of the schema");

        var outcome = await db.CreateProcessor().ProcessAsync(job, None);

        Assert.Equal(JobOutcome.Retrying, outcome);
        var stored = await db.Jobs.GetAsync(db.TenantId, job.Id, None);
        Assert.Equal(BatchJobStatus.Queued, stored!.Status);
        Assert.Equal(1, stored.Attempts);
        Assert.Equal(BatchJobErrors.InternalError, stored.LastError);
        Assert.Empty((await db.Ledger.GetSummaryAsync(db.TenantId, None)).Operations);
    }

    [Fact]
    public async Task ProcessAsync_WorkerStopsDuringInference_GivesTheJobBackAtOnceAndRethrows()
    {
        await using var db = await WorkerDatabase.CreateAsync(postgres);
        var enqueued = await db.Jobs.EnqueueAsync(db.TenantId, "m", ["a"], 3, None);
        var job = await db.ClaimAsync(enqueued.Id);
        using var stopping = new CancellationTokenSource();
        db.Inference.OnRequest = async (_, requestAborted) =>
        {
            await stopping.CancelAsync();
            await Task.Delay(Timeout.Infinite, requestAborted);
            return null;
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => db.CreateProcessor().ProcessAsync(job, stopping.Token));

        var stored = await db.Jobs.GetAsync(db.TenantId, job.Id, None);
        Assert.Equal(BatchJobStatus.Queued, stored!.Status);
        Assert.Equal(0, stored.Attempts);
        Assert.Null(stored.LastError);
        Assert.Null(stored.Results);
        Assert.Null(await db.LeaseOwnerAsync(job.Id));
        Assert.True(await db.UntilNextAttemptAsync(job.Id) <= TimeSpan.Zero);
        var takenOver = await db.Jobs.ClaimNextAsync("another-worker", db.Options.Lease, None);
        Assert.Equal(job.Id, takenOver?.Id);
        Assert.Equal(1, takenOver!.Attempts);
    }

    [Fact]
    public async Task ProcessAsync_ClaimedAsTheWorkerStops_GivesTheJobBackWithoutCallingInference()
    {
        await using var db = await WorkerDatabase.CreateAsync(postgres);
        var enqueued = await db.Jobs.EnqueueAsync(db.TenantId, "m", ["a"], 3, None);
        var job = await db.ClaimAsync(enqueued.Id);
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => db.CreateProcessor().ProcessAsync(job, stopping.Token));

        Assert.Empty(db.Inference.Requests);
        var stored = await db.Jobs.GetAsync(db.TenantId, job.Id, None);
        Assert.Equal(BatchJobStatus.Queued, stored!.Status);
        Assert.Equal(0, stored.Attempts);
    }

    [Fact]
    public async Task ProcessAsync_LeaseLostBetweenChunks_AbandonsWithoutFurtherCallsOrResults()
    {
        await using var db = await WorkerDatabase.CreateAsync(postgres);
        db.Options.ChunkSize = 1;
        var enqueued = await db.Jobs.EnqueueAsync(db.TenantId, "m", ["a", "b", "c"], 3, None);
        var job = await db.ClaimAsync(enqueued.Id);
        db.Inference.OnRequest = async (_, _) =>
        {
            await db.ExecuteAsync("UPDATE batch_jobs SET lease_owner = 'another-worker' WHERE id = @id", job.Id);
            return null;
        };

        var outcome = await db.CreateProcessor().ProcessAsync(job, None);

        Assert.Equal(JobOutcome.LeaseLost, outcome);
        Assert.Single(db.Inference.Requests);
        var stored = await db.Jobs.GetAsync(db.TenantId, job.Id, None);
        Assert.Equal(BatchJobStatus.Running, stored!.Status);
        Assert.Null(stored.Results);
        Assert.Empty((await db.Ledger.GetSummaryAsync(db.TenantId, None)).Operations);
    }

    [Fact]
    public async Task ProcessAsync_InferenceCallLongerThanTheLease_KeepsTheJobAndCompletes()
    {
        await using var db = await WorkerDatabase.CreateAsync(postgres);
        var enqueued = await db.Jobs.EnqueueAsync(db.TenantId, "m", ["slow"], 3, None);
        var job = await db.ClaimAsync(enqueued.Id);
        var heartbeatClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var renewed = false;
        BatchJob? stolen = null;
        db.Inference.OnRequest = async (_, _) =>
        {
            // The call has outlasted the lease: the lease has run out in the database, and a third of a lease has
            // passed on the heartbeat's clock, so its renewal is due. Without it the job is claimable now.
            await db.ExpireLeaseAsync(job.Id);
            heartbeatClock.Advance(db.Options.Lease / 3);
            renewed = await db.LeaseRenewedWithinAsync(job.Id, TimeSpan.FromSeconds(30));
            stolen = await db.Jobs.ClaimNextAsync("another-worker", TimeSpan.FromSeconds(30), None);
            return null;
        };

        var outcome = await db.CreateProcessor(heartbeatClock).ProcessAsync(job, None);

        Assert.True(renewed, "The heartbeat did not renew the lease during the call.");
        Assert.Null(stolen);
        Assert.Equal(JobOutcome.Completed, outcome);
        Assert.Equal(BatchJobStatus.Succeeded, (await db.Jobs.GetAsync(db.TenantId, job.Id, None))!.Status);
    }

    [Fact]
    public async Task ProcessAsync_LeaseLostBeforeCompletion_StoresNothing()
    {
        await using var db = await WorkerDatabase.CreateAsync(postgres);
        var enqueued = await db.Jobs.EnqueueAsync(db.TenantId, "m", ["a"], 3, None);
        var job = await db.ClaimAsync(enqueued.Id);
        db.Inference.OnRequest = async (_, _) =>
        {
            await db.ExecuteAsync("UPDATE batch_jobs SET lease_owner = 'another-worker' WHERE id = @id", job.Id);
            return null;
        };

        var outcome = await db.CreateProcessor().ProcessAsync(job, None);

        Assert.Equal(JobOutcome.LeaseLost, outcome);
        Assert.Null((await db.Jobs.GetAsync(db.TenantId, job.Id, None))!.Results);
        Assert.Empty((await db.Ledger.GetSummaryAsync(db.TenantId, None)).Operations);
    }

    /// <summary>What inference does when it is unreachable or temporarily unavailable, as the worker's HttpClient sees it.</summary>
    private static HttpResponseMessage InferenceUnavailable(string unavailability) => unavailability switch
    {
        "connection refused" => throw new HttpRequestException(
            HttpRequestError.ConnectionError, "Connection refused (inference:8080)", new SocketException((int)SocketError.ConnectionRefused)),
        "resilience timeout" => throw new TimeoutRejectedException("The operation didn't complete within the allowed timeout of '00:00:10'."),
        "client timeout" => throw new TaskCanceledException(
            "The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", new TimeoutException()),
        "circuit open" => throw new BrokenCircuitException("The circuit is now open and is not allowing calls."),
        _ => new HttpResponseMessage((HttpStatusCode)int.Parse(unavailability, CultureInfo.InvariantCulture)),
    };

    /// <summary>Counts <c>ainow.batch.jobs.completed</c> measurements from one meter factory.</summary>
    private sealed class CompletedJobCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public CompletedJobCounter(IMeterFactory meterFactory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "AiNow" && instrument.Meter.Scope == meterFactory && instrument.Name == "ainow.batch.jobs.completed")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
