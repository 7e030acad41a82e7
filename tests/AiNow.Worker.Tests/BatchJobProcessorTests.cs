using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using AiNow.Contracts.Telemetry;
using AiNow.Data;
using AiNow.Testing;
using AiNow.Worker.Processing;

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
        db.Inference.OnRequest = _ => Task.FromResult<HttpResponseMessage?>(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));

        var outcome = await db.CreateProcessor().ProcessAsync(job, None);

        Assert.Equal(JobOutcome.Retrying, outcome);
        var stored = await db.Jobs.GetAsync(db.TenantId, job.Id, None);
        Assert.Equal(BatchJobStatus.Queued, stored!.Status);
        Assert.Contains("503", stored.LastError, StringComparison.Ordinal);
        // First attempt: 2 s with equal jitter, so between 1 and 2 s from now.
        Assert.InRange(await db.UntilNextAttemptAsync(job.Id), TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2));
        Assert.Empty((await db.Ledger.GetSummaryAsync(db.TenantId, None)).Operations);
    }

    [Fact]
    public async Task ProcessAsync_LastAttemptFails_MarksJobFailed()
    {
        await using var db = await WorkerDatabase.CreateAsync(postgres);
        var enqueued = await db.Jobs.EnqueueAsync(db.TenantId, "m", ["a"], 1, None);
        var job = await db.ClaimAsync(enqueued.Id);
        db.Inference.OnRequest = _ => throw new HttpRequestException("connection refused");

        var outcome = await db.CreateProcessor().ProcessAsync(job, None);

        Assert.Equal(JobOutcome.Failed, outcome);
        var stored = await db.Jobs.GetAsync(db.TenantId, job.Id, None);
        Assert.Equal(BatchJobStatus.Failed, stored!.Status);
        Assert.Equal("HttpRequestException: connection refused", stored.LastError);
        Assert.NotNull(stored.CompletedAt);
    }

    [Fact]
    public async Task ProcessAsync_LeaseLostBetweenChunks_AbandonsWithoutFurtherCallsOrResults()
    {
        await using var db = await WorkerDatabase.CreateAsync(postgres);
        db.Options.ChunkSize = 1;
        var enqueued = await db.Jobs.EnqueueAsync(db.TenantId, "m", ["a", "b", "c"], 3, None);
        var job = await db.ClaimAsync(enqueued.Id);
        db.Inference.OnRequest = async _ =>
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
        db.Options.LeaseSeconds = 1;
        var enqueued = await db.Jobs.EnqueueAsync(db.TenantId, "m", ["slow"], 3, None);
        var job = await db.ClaimAsync(enqueued.Id);
        BatchJob? stolen = null;
        db.Inference.OnRequest = async _ =>
        {
            // Well past the one-second lease: without renewals during the call, the job is claimable now.
            await Task.Delay(TimeSpan.FromMilliseconds(2500));
            stolen = await db.Jobs.ClaimNextAsync("another-worker", TimeSpan.FromSeconds(30), None);
            return null;
        };

        var outcome = await db.CreateProcessor().ProcessAsync(job, None);

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
        db.Inference.OnRequest = async _ =>
        {
            await db.ExecuteAsync("UPDATE batch_jobs SET lease_owner = 'another-worker' WHERE id = @id", job.Id);
            return null;
        };

        var outcome = await db.CreateProcessor().ProcessAsync(job, None);

        Assert.Equal(JobOutcome.LeaseLost, outcome);
        Assert.Null((await db.Jobs.GetAsync(db.TenantId, job.Id, None))!.Results);
        Assert.Empty((await db.Ledger.GetSummaryAsync(db.TenantId, None)).Operations);
    }

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
